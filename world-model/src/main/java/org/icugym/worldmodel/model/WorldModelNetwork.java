package org.icugym.worldmodel.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/** Builds the DJL block of one ensemble member: a network from an input row to an output row. */
public final class WorldModelNetwork {
    private WorldModelNetwork() {}

    /**
     * A fresh, uninitialised member network.
     *
     * @param config architecture, hidden width and depth
     * @param encoding the input rows it reads
     * @param output the output layout (sets the last layer's width)
     */
    public static Block create(WorldModelConfig config, InputEncoding encoding, OutputLayout output) {
        if (config.architecture() == WorldModelConfig.Architecture.GRU) {
            return new GruMemberBlock(encoding, config.hiddenSize(), output);
        }
        SequentialBlock block = new SequentialBlock();
        for (int i = 0; i < config.hiddenLayers(); i++) {
            block.add(Linear.builder().setUnits(config.hiddenSize()).build());
            block.add(Activation.reluBlock());
        }
        block.add(Linear.builder().setUnits(output.size()).build());
        return block;
    }

    /**
     * The weight of the output layer of a block made by {@link #create}; it is initialised
     * near zero so that an untrained member predicts "no change" (the residual mean) with unit SD.
     */
    public static Parameter outputWeight(Block block) {
        if (block instanceof GruMemberBlock gru) {
            return gru.outputWeight();
        }
        var children = block.getChildren();
        return children.get(children.size() - 1).getValue().getParameters().get("weight");
    }
}
