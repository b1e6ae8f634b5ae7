package org.icugym.worldmodel.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.icugym.core.clinical.cohort.CohortGenerator;
import org.icugym.core.clinical.cohort.CohortSplit;
import org.icugym.worldmodel.TinyModels;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.model.WorldModelConfig;
import org.icugym.worldmodel.train.WorldModelTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortDirectorySourceTest {
    @TempDir
    Path dir;

    @Test
    void readsTheTrainAndValidationSplitsOfAGeneratedCohortAndTrainsOnThem() {
        CohortGenerator.Result written = CohortGenerator.DEFAULT.write(dir, 80, 5, done -> { });
        TrainingData data = CohortDirectorySource.of(dir).load();

        int expected = written.stays().get(CohortSplit.TRAIN) + written.stays().get(CohortSplit.VALIDATION);
        assertThat(data.stays()).hasSize(expected);
        assertThat(data.layout()).isEqualTo(FeatureLayout.SEPSIS);
        long rows = written.rows().get(CohortSplit.TRAIN) + written.rows().get(CohortSplit.VALIDATION);
        assertThat(data.transitions()).isEqualTo((int) (rows - expected));
        StaySequence first = data.stays().get(0);
        assertThat(first.masks()[0]).contains(1f);

        WorldModelArtifact model = WorldModelTrainer.fit(data,
                TinyModels.QUICK.withModel(new WorldModelConfig(6, 16, 1, 1)).withEpochs(1, 1));
        assertThat(model.metrics().validationNll()).isFinite();
    }

    @Test
    void aDirectoryWithoutCohortFilesFailsClearly() {
        assertThatThrownBy(() -> CohortDirectorySource.of(dir).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("train.csv.gz")
                .hasMessageContaining("cohort generate");
    }
}
