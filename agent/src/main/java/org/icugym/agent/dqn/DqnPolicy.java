package org.icugym.agent.dqn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import org.icugym.agent.PolicyException;
import org.icugym.agent.PolicyWeights;
import org.icugym.worldmodel.model.DjlRuntime;

/**
 * A trained {@link DuelingDqn} on the CPU: Q-values and greedy actions for batches of state rows,
 * one forward pass per call. Owns native memory ({@link #close()} it); not thread-safe.
 */
public final class DqnPolicy implements AutoCloseable {
    private final PolicyWeights weights;
    private final NDManager manager;
    private final Block block;
    private final ParameterStore parameters;

    private DqnPolicy(PolicyWeights weights, NDManager manager, Block block) {
        this.weights = weights;
        this.manager = manager;
        this.block = block;
        this.parameters = new ParameterStore(manager, false);
    }

    /**
     * Loads {@link DuelingDqn#KIND} weights.
     *
     * @throws PolicyException {@code INVALID_WEIGHTS} for another kind or parameters that do not fit
     */
    public static DqnPolicy load(PolicyWeights weights) {
        if (!DuelingDqn.KIND.equals(weights.kind())) {
            throw new PolicyException(PolicyException.Code.INVALID_WEIGHTS, "weights of kind '" + weights.kind()
                    + "' are not a " + DuelingDqn.KIND + ": pass a file written by 'icugym evaluate --policy dqn'");
        }
        DjlRuntime.ensureOffline();
        NDManager manager = NDManager.newBaseManager(Device.cpu());
        try {
            Block block = DuelingDqn.create(weights.hidden(), weights.numActions());
            block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(weights.parameters())));
            return new DqnPolicy(weights, manager, block);
        } catch (IOException | MalformedModelException | IllegalArgumentException e) {
            manager.close();
            throw new PolicyException(PolicyException.Code.INVALID_WEIGHTS, "the parameters do not fit " + weights
                    + " (" + e.getMessage() + "); train the DQN again", e);
        }
    }

    /** The weights this policy runs. */
    public PolicyWeights weights() {
        return weights;
    }

    /**
     * Q-values of {@code rows} state rows, {@code rows × numActions} row-major.
     *
     * @throws PolicyException {@code INVALID_INPUT} when the input is not {@code rows × stateSize} values
     */
    public float[] qValues(float[] states, int rows) {
        int d = weights.observationSize();
        if (rows < 1 || states.length != rows * d) {
            throw new PolicyException(PolicyException.Code.INVALID_INPUT, "need " + rows + " rows of " + d
                    + " state values, got " + states.length + " values");
        }
        try (NDManager batch = manager.newSubManager()) {
            NDArray x = batch.create(FloatBuffer.wrap(states), new Shape(rows, d));
            return block.forward(parameters, new NDList(x), false).singletonOrThrow().toFloatArray();
        }
    }

    /** The action of largest Q-value for each of {@code rows} state rows (lowest index on ties). */
    public int[] greedy(float[] states, int rows) {
        float[] q = qValues(states, rows);
        int a = weights.numActions();
        int[] best = new int[rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 1; k < a; k++) {
                if (q[r * a + k] > q[r * a + best[r]]) {
                    best[r] = k;
                }
            }
        }
        return best;
    }

    @Override
    public void close() {
        manager.close();
    }
}
