package org.icugym.worldmodel.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.icugym.worldmodel.TinyModels;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.artifact.WorldModelException;
import org.icugym.worldmodel.data.StaySequence;
import org.icugym.worldmodel.data.TrainingData;
import org.icugym.worldmodel.model.WorldModelConfig;
import org.junit.jupiter.api.Test;

class WorldModelTrainerTest {

    @Test
    void trainingReducesValidationLossAndBeatsPersistence() {
        List<Double> firstMemberLosses = new ArrayList<>();
        TrainingProgress progress = new TrainingProgress() {
            @Override
            public void onEpoch(int member, int epoch, double trainLoss, double validationLoss) {
                if (member == 0) {
                    firstMemberLosses.add(validationLoss);
                }
            }
        };
        TrainConfig config = TinyModels.QUICK.withModel(new WorldModelConfig(6, 64, 2, 1)).withEpochs(8, 8).withBatch(64, 1e-3);
        WorldModelArtifact artifact = WorldModelTrainer.fit(TinyModels.data(), config, progress);

        assertThat(firstMemberLosses).hasSize(8);
        assertThat(firstMemberLosses.get(7)).isLessThan(firstMemberLosses.get(0));
        TrainingMetrics metrics = artifact.metrics();
        assertThat(metrics.validationMae()).isLessThan(persistenceMae(TinyModels.data(), config));
        assertThat(metrics.validationNll()).isFinite();
        assertThat(metrics.featureMae()).hasSize(39).containsKey("heart_rate");
        assertThat(metrics.outcomeAuroc()).isBetween(0.0, 1.0);
        assertThat(metrics.epochs()).containsExactly(8);
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndMetrics() {
        TrainConfig config = TinyModels.QUICK.withModel(new WorldModelConfig(6, 16, 1, 2)).withEpochs(2, 2);
        TrainingData small = TinyModels.data().withStays(TinyModels.data().stays().subList(0, 60));
        WorldModelArtifact first = WorldModelTrainer.fit(small, config);
        WorldModelArtifact second = WorldModelTrainer.fit(small, config);
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        WorldModelArtifact otherSeed;
        try (ConsoleTrainingProgress bar = new ConsoleTrainingProgress(new java.io.PrintStream(console, true,
                java.nio.charset.StandardCharsets.UTF_8))) {
            otherSeed = WorldModelTrainer.fit(small, config.withSeed(8), bar);
        }

        assertThat(second.metrics().withoutTiming()).isEqualTo(first.metrics().withoutTiming());
        for (int m = 0; m < 2; m++) {
            assertThat(second.memberWeights().get(m)).isEqualTo(first.memberWeights().get(m));
        }
        assertThat(otherSeed.memberWeights().get(0)).isNotEqualTo(first.memberWeights().get(0));
        assertThat(console.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("world model");
    }

    @Test
    void tooFewStaysFailWithATypedError() {
        TrainingData tiny = TinyModels.data().withStays(TinyModels.data().stays().subList(0, 2));
        assertThatThrownBy(() -> WorldModelTrainer.fit(tiny, TinyModels.QUICK))
                .isInstanceOfSatisfying(WorldModelException.class,
                        e -> assertThat(e.code()).isEqualTo(WorldModelException.Code.INSUFFICIENT_DATA))
                .hasMessageContaining("larger cohort");
    }

    /** MAE of predicting "no change" on the same validation split the trainer uses. */
    private static double persistenceMae(TrainingData data, TrainConfig config) {
        List<StaySequence> validation = WorldModelTrainer.split(data.stays(), config.validationFraction(),
                new org.icugym.core.random.Rng(config.seed()).split()).get(1);
        double error = 0;
        long n = 0;
        for (StaySequence stay : validation) {
            for (int t = 0; t < stay.transitions(); t++) {
                for (int k = 0; k < stay.featureCount(); k++) {
                    if (stay.masks()[t + 1][k] > 0) {
                        error += Math.abs(stay.features()[t + 1][k] - stay.features()[t][k]);
                        n++;
                    }
                }
            }
        }
        return error / n;
    }
}
