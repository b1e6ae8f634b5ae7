package org.icugym.worldmodel;

import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.data.SimulatedCohortSource;
import org.icugym.worldmodel.data.TrainingData;
import org.icugym.worldmodel.model.WorldModelConfig;
import org.icugym.worldmodel.train.TrainConfig;
import org.icugym.worldmodel.train.WorldModelTrainer;

/** Small simulator data and tiny models shared by the tests of one JVM (each built once). */
public final class TinyModels {
    /** A small architecture: 6 steps of history, one hidden layer of 32 units, 3 members. */
    public static final WorldModelConfig TINY = new WorldModelConfig(6, 32, 1, 3);
    /** Few epochs, small batches. */
    public static final TrainConfig QUICK = TrainConfig.defaults().withModel(TINY).withSeed(7).withEpochs(3, 2);

    private static TrainingData data;
    private static WorldModelArtifact artifact;

    private TinyModels() {}

    /** 200 simulated stays (seed 11). */
    public static synchronized TrainingData data() {
        if (data == null) {
            data = new SimulatedCohortSource(PhysiologySimulator.DEFAULT, 200, 11).load();
        }
        return data;
    }

    /** A tiny ensemble trained with {@link #QUICK} on {@link #data()}. */
    public static synchronized WorldModelArtifact artifact() {
        if (artifact == null) {
            artifact = WorldModelTrainer.fit(data(), QUICK);
        }
        return artifact;
    }
}
