package org.icugym.worldmodel.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A {@link WorldModelConfig.Architecture#GRU} ensemble member: reads the same flat input row as
 * the MLP, runs a one-layer GRU over the window's steps (oldest first), and maps its last state
 * together with the static features through a ReLU layer to the output row.
 */
final class GruMemberBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final InputEncoding encoding;
    private final int hiddenSize;
    private final int outputSize;
    private final GRU gru;
    private final SequentialBlock head;

    GruMemberBlock(InputEncoding encoding, int hiddenSize, OutputLayout output) {
        super(VERSION);
        this.encoding = encoding;
        this.hiddenSize = hiddenSize;
        this.outputSize = output.size();
        this.gru = addChildBlock("gru", GRU.builder().setStateSize(hiddenSize).setNumLayers(1).optBatchFirst(true)
                .optReturnState(false).build());
        this.head = addChildBlock("head", new SequentialBlock()
                .add(Linear.builder().setUnits(hiddenSize).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(outputSize).build()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long batch = x.getShape().get(0);
        int windowEnd = encoding.historyLength() * encoding.slotWidth();
        NDArray steps = x.get(":, 0:" + windowEnd).reshape(batch, encoding.historyLength(), encoding.slotWidth());
        NDArray states = gru.forward(store, new NDList(steps), training).head();
        NDArray last = states.get(":, -1, :");
        NDArray joined = encoding.staticCount() == 0 ? last : last.concat(x.get(":, " + windowEnd + ":"), 1);
        return head.forward(store, new NDList(joined), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputSize)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        gru.initialize(manager, dataType, new Shape(batch, encoding.historyLength(), encoding.slotWidth()));
        head.initialize(manager, dataType, new Shape(batch, hiddenSize + encoding.staticCount()));
    }

    /** The weight of the output layer. */
    ai.djl.nn.Parameter outputWeight() {
        return WorldModelNetwork.outputWeight(head);
    }
}
