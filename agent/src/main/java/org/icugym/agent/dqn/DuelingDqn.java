package org.icugym.agent.dqn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * The dueling Q-network of Raghu et al. (2017): state row → MLP (leaky ReLU) → a value stream
 * {@code V(s)} and an advantage stream {@code A(s, a)}, combined as
 * {@code Q(s, a) = V(s) + A(s, a) − mean_a' A(s, a')} (Wang et al. 2016). Both streams are linear
 * heads on the last hidden layer, written as one linear layer of {@code 1 + numActions} outputs.
 */
public final class DuelingDqn {
    /** Kind name in weights files. */
    public static final String KIND = "dueling-dqn";

    private DuelingDqn() {}

    /**
     * A fresh, uninitialised network.
     *
     * @param hidden widths of the hidden layers
     * @param numActions number of discrete actions
     */
    public static Block create(int[] hidden, int numActions) {
        SequentialBlock block = new SequentialBlock();
        for (int h : hidden) {
            block.add(Linear.builder().setUnits(h).build());
            block.add(Activation.leakyReluBlock(0.01f));
        }
        block.add(Linear.builder().setUnits(numActions + 1L).build());
        block.add(new LambdaBlock(DuelingDqn::combine, "dueling"));
        return block;
    }

    /** {@code [V, A_1 .. A_n]} → {@code Q = V + A − mean(A)}. */
    private static NDList combine(NDList in) {
        NDArray x = in.singletonOrThrow();
        NDArray value = x.get(":, 0:1");
        NDArray advantage = x.get(":, 1:");
        return new NDList(value.add(advantage.sub(advantage.mean(new int[] {1}, true))));
    }
}
