package org.icugym.agent.mlp;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.icugym.agent.PolicyWeights;
import org.icugym.worldmodel.model.SeededInitializer;

/**
 * The PPO actor-critic network for Discrete actions: observation row → shared MLP (tanh) → one
 * linear head whose first {@code numActions} outputs are the action logits and whose last output
 * is the state value.
 */
public final class MlpActorCritic {
    /** Kind name in weights files and model listings. */
    public static final String KIND = "mlp-actor-critic";

    private MlpActorCritic() {}

    /**
     * A fresh, uninitialised network.
     *
     * @param hidden widths of the hidden layers
     * @param numActions number of discrete actions (the head has {@code numActions + 1} outputs)
     */
    public static Block create(int[] hidden, int numActions) {
        SequentialBlock block = new SequentialBlock();
        for (int h : hidden) {
            block.add(Linear.builder().setUnits(h).build());
            block.add(Activation.tanhBlock());
        }
        block.add(Linear.builder().setUnits(numActions + 1L).build());
        return block;
    }

    /**
     * Weights of a freshly initialised network (Xavier-uniform from a seeded stream, zero biases,
     * the head scaled by 0.01 so that the first policy is close to uniform).
     *
     * @param observationSize length of one observation row
     * @param numActions number of discrete actions
     * @param hidden widths of the hidden layers, e.g. {@code {64, 64}}
     * @param seed seed of the initial weights
     */
    public static PolicyWeights initialWeights(int observationSize, int numActions, int[] hidden, long seed) {
        Block block = create(hidden, numActions);
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            var layers = block.getChildren();
            for (int i = 0; i < layers.size(); i++) {
                boolean head = i == layers.size() - 1;
                layers.get(i).getValue().setInitializer(new SeededInitializer(seed + i, head ? 0.01 : 1.0),
                        Parameter.Type.WEIGHT);
            }
            block.initialize(manager, DataType.FLOAT32, new Shape(1, observationSize));
            return new PolicyWeights(KIND, observationSize, numActions, hidden, parameterBytes(block));
        }
    }

    /** The parameters of a network in DJL's encoding (what {@link PolicyWeights#parameters()} holds). */
    public static byte[] parameterBytes(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
