package org.icugym.worldmodel.model;

/**
 * The architecture of a Clinical World Model; stored in its artifact.
 *
 * <p>Each ensemble member is an MLP over a stacked window of the last {@code historyLength}
 * steps (features, masks, ventilation, action, a padding flag) plus the static features, with
 * {@code hiddenLayers} ReLU layers of {@code hiddenSize} units; see {@link InputEncoding} and
 * {@link OutputLayout}.
 *
 * @param historyLength steps of history in the input window, including the current one (≥ 1; default 6)
 * @param hiddenSize units per hidden layer (≥ 1; default 256)
 * @param hiddenLayers number of hidden layers (≥ 1; default 2)
 * @param ensembleSize number of ensemble members (≥ 1; default 5)
 */
public record WorldModelConfig(int historyLength, int hiddenSize, int hiddenLayers, int ensembleSize) {

    /** The default architecture: 6 steps of history, 2 × 256 hidden units, 5 members. */
    public static final WorldModelConfig DEFAULT = new WorldModelConfig(6, 256, 2, 5);

    /** Validates every field. */
    public WorldModelConfig {
        requirePositive("historyLength", historyLength);
        requirePositive("hiddenSize", hiddenSize);
        requirePositive("hiddenLayers", hiddenLayers);
        requirePositive("ensembleSize", ensembleSize);
    }

    /** A copy with another history length. */
    public WorldModelConfig withHistoryLength(int steps) {
        return new WorldModelConfig(steps, hiddenSize, hiddenLayers, ensembleSize);
    }

    /** A copy with another hidden-layer width and depth. */
    public WorldModelConfig withHidden(int size, int layers) {
        return new WorldModelConfig(historyLength, size, layers, ensembleSize);
    }

    /** A copy with another ensemble size. */
    public WorldModelConfig withEnsembleSize(int members) {
        return new WorldModelConfig(historyLength, hiddenSize, hiddenLayers, members);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}
