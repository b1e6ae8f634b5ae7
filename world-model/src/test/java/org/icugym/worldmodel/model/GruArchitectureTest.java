package org.icugym.worldmodel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.icugym.worldmodel.TinyModels;
import org.icugym.worldmodel.artifact.Rows;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.data.TrainingData;
import org.icugym.worldmodel.inference.Prediction;
import org.icugym.worldmodel.inference.WorldModel;
import org.icugym.worldmodel.train.WorldModelTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GruArchitectureTest {
    @TempDir
    Path dir;

    @Test
    void gruMembersTrainSaveLoadAndPredictInBatches() throws IOException {
        WorldModelConfig gru = new WorldModelConfig(WorldModelConfig.Architecture.GRU, 6, 16, 1, 2);
        TrainingData small = TinyModels.data().withStays(TinyModels.data().stays().subList(0, 60));
        WorldModelArtifact trained = WorldModelTrainer.fit(small, TinyModels.QUICK.withModel(gru).withEpochs(2, 2));
        Path file = dir.resolve("gru.zip");
        trained.save(file);
        WorldModelArtifact loaded = WorldModelArtifact.load(file);
        assertThat(loaded.config()).isEqualTo(gru);

        int n = 8;
        float[] rows = Rows.first(small, WorldModel.encodingOf(trained), n);
        int width = WorldModel.encodingOf(trained).inputSize();
        try (WorldModel a = WorldModel.open(trained, "cpu"); WorldModel b = WorldModel.open(loaded, "cpu")) {
            Prediction batched = a.predict(1, rows, n);
            assertThat(b.predict(1, rows, n).mean()).containsExactly(batched.mean());
            assertThat(batched.mean()).hasSize(n * 39);
            for (int r = 0; r < n; r++) {
                Prediction single = a.predict(1, Arrays.copyOfRange(rows, r * width, (r + 1) * width), 1);
                assertThat(single.mean(0, 5)).isCloseTo(batched.mean(r, 5), within(1e-5f));
                assertThat(single.death()[0]).isCloseTo(batched.death()[r], within(1e-6f));
            }
        }
    }
}
