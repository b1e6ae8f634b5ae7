package org.icugym.agent.mlp;

import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import org.icugym.agent.Policy;
import org.icugym.agent.PolicyException;
import org.icugym.agent.PolicyOutput;
import org.icugym.agent.PolicyWeights;
import org.icugym.core.random.Rng;

/**
 * A loaded {@link MlpActorCritic} on one device: one forward pass per {@link #act} call, however
 * many rows. Owns the native memory of its weights ({@link #close()} it); not thread-safe. Per call,
 * arrays live in a sub-manager closed before returning.
 */
public final class MlpPolicy implements Policy {
    private final PolicyWeights weights;
    private final NDManager manager;
    private final Block block;
    private final ParameterStore parameters;

    private MlpPolicy(PolicyWeights weights, NDManager manager, Block block) {
        this.weights = weights;
        this.manager = manager;
        this.block = block;
        this.parameters = new ParameterStore(manager, false);
    }

    /**
     * Loads weights onto a device.
     *
     * @param weights an {@link MlpActorCritic#KIND} weights file
     * @param manager a manager on the target device; the policy owns and closes it
     * @throws PolicyException {@code INVALID_WEIGHTS} when the parameters do not fit the architecture
     */
    public static MlpPolicy load(PolicyWeights weights, NDManager manager) {
        try {
            Block block = MlpActorCritic.create(weights.hidden(), weights.numActions());
            block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(weights.parameters())));
            return new MlpPolicy(weights, manager, block);
        } catch (IOException | MalformedModelException | IllegalArgumentException e) {
            manager.close();
            throw new PolicyException(PolicyException.Code.INVALID_WEIGHTS, "the parameters do not fit "
                    + weights + " (" + e.getMessage() + "); export the weights again from the trainer", e);
        }
    }

    @Override
    public String kind() {
        return MlpActorCritic.KIND;
    }

    @Override
    public int observationSize() {
        return weights.observationSize();
    }

    @Override
    public int numActions() {
        return weights.numActions();
    }

    @Override
    public PolicyOutput act(float[] observations, int rows, boolean[] deterministic, Rng rng) {
        int d = weights.observationSize();
        int width = weights.numActions() + 1;
        float[] out;
        try (NDManager batch = manager.newSubManager()) {
            NDArray x = batch.create(FloatBuffer.wrap(observations, 0, rows * d), new Shape(rows, d));
            out = block.forward(parameters, new NDList(x), false).singletonOrThrow().toFloatArray();
        } catch (EngineException e) {
            throw new IllegalStateException("forward pass failed on " + manager.getDevice() + ": " + e.getMessage(), e);
        }
        int a = weights.numActions();
        float[] logits = new float[rows * a];
        float[] values = new float[rows];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(out, r * width, logits, r * a, a);
            values[r] = out[r * width + a];
        }
        return PolicyOutput.fromLogits(logits, a, values, deterministic, rng);
    }

    @Override
    public void close() {
        manager.close();
    }
}
