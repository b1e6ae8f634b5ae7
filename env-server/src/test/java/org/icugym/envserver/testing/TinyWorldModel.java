package org.icugym.envserver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icugym.core.clinical.cohort.CohortGenerator;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.data.SimulatedCohortSource;
import org.icugym.worldmodel.model.WorldModelConfig;
import org.icugym.worldmodel.train.TrainConfig;
import org.icugym.worldmodel.train.WorldModelTrainer;

/**
 * A tiny Clinical World Model (3 members, one hidden layer of 32 units, 3 epochs on 200 simulated
 * stays: a few seconds) and a small generated cohort, written once per JVM to a temporary
 * directory, for servers that serve {@code Sepsis-WorldModel-v1} in tests.
 */
public final class TinyWorldModel {
    private static Path directory;

    private TinyWorldModel() {}

    /** The directory holding {@code world-model.zip} and {@code cohort/}; built on first use. */
    public static synchronized Path directory() {
        if (directory == null) {
            try {
                Path dir = Files.createTempDirectory("icugym-tiny-world-model");
                TrainConfig quick = TrainConfig.defaults().withModel(new WorldModelConfig(6, 32, 1, 3)).withSeed(7)
                        .withEpochs(3, 2);
                WorldModelArtifact artifact = WorldModelTrainer.fit(
                        new SimulatedCohortSource(PhysiologySimulator.DEFAULT, 200, 11).load(), quick);
                artifact.save(dir.resolve("world-model.zip"));
                CohortGenerator.DEFAULT.write(dir.resolve("cohort"), 120, 3, n -> { });
                directory = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return directory;
    }

    /** HOCON that makes a server serve {@code Sepsis-WorldModel-v1} on the tiny model, one inference worker. */
    public static String serverConfig() {
        Path dir = directory();
        return "icugym.env-server.world-model { artifact = \"" + dir.resolve("world-model.zip") + "\", cohort = \""
                + dir.resolve("cohort") + "\", pool-size = 1 }\n";
    }
}
