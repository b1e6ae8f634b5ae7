package org.icugym.worldmodel.model;

/**
 * The architecture of a Clinical World Model; stored in its artifact.
 *
 * <p>Each ensemble member reads a window of the last {@code historyLength} steps (features,
 * masks, ventilation, action, a padding flag) plus the static features ({@link InputEncoding})
 * and writes one {@link OutputLayout} row. {@link Architecture#MLP} (default) is an MLP over the
 * stacked window with {@code hiddenLayers} ReLU layers of {@code hiddenSize} units; {@link
 * Architecture#GRU} runs a GRU of {@code hiddenSize} units over the window's steps and an MLP
 * head on its last state and the static features (see docs/world-model.md for the comparison).
 *
 * @param architecture how a member reads the window
 * @param historyLength steps of history in the input window, including the current one (≥ 1; default 6)
 * @param hiddenSize units per hidden layer (≥ 1; default 256)
 * @param hiddenLayers number of hidden layers (≥ 1; default 2)
 * @param ensembleSize number of ensemble members (≥ 1; default 5)
 */
public record WorldModelConfig(Architecture architecture, int historyLength, int hiddenSize, int hiddenLayers,
        int ensembleSize) {

    /** The default architecture: MLP over 6 steps of history, 2 × 256 hidden units, 5 members. */
    public static final WorldModelConfig DEFAULT = new WorldModelConfig(6, 256, 2, 5);

    /** How an ensemble member reads its history window. */
    public enum Architecture {
        /** An MLP over the stacked window (one matrix product per layer for a whole batch). */
        MLP,
        /** A GRU over the window's steps, then an MLP head. */
        GRU
    }

    /** An {@link Architecture#MLP} configuration. */
    public WorldModelConfig(int historyLength, int hiddenSize, int hiddenLayers, int ensembleSize) {
        this(Architecture.MLP, historyLength, hiddenSize, hiddenLayers, ensembleSize);
    }

    /** Validates every field. */
    public WorldModelConfig {
        java.util.Objects.requireNonNull(architecture, "architecture");
        requirePositive("historyLength", historyLength);
        requirePositive("hiddenSize", hiddenSize);
        requirePositive("hiddenLayers", hiddenLayers);
        requirePositive("ensembleSize", ensembleSize);
    }

    /** A copy with another history length. */
    public WorldModelConfig withHistoryLength(int steps) {
        return new WorldModelConfig(architecture, steps, hiddenSize, hiddenLayers, ensembleSize);
    }

    /** A copy with another hidden-layer width and depth. */
    public WorldModelConfig withHidden(int size, int layers) {
        return new WorldModelConfig(architecture, historyLength, size, layers, ensembleSize);
    }

    /** A copy with another architecture. */
    public WorldModelConfig withArchitecture(Architecture newArchitecture) {
        return new WorldModelConfig(newArchitecture, historyLength, hiddenSize, hiddenLayers, ensembleSize);
    }

    /** A copy with another ensemble size. */
    public WorldModelConfig withEnsembleSize(int members) {
        return new WorldModelConfig(architecture, historyLength, hiddenSize, hiddenLayers, members);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}
