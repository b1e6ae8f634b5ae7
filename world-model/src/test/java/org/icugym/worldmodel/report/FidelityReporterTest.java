package org.icugym.worldmodel.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icugym.core.clinical.cohort.CohortGenerator;
import org.icugym.core.clinical.cohort.CohortSplit;
import org.icugym.worldmodel.TinyModels;
import org.icugym.worldmodel.artifact.WorldModelException;
import org.icugym.worldmodel.data.CohortDirectorySource;
import org.icugym.worldmodel.train.WorldModelTrainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FidelityReporterTest {
    private static final long COHORT_SEED = 5;

    @TempDir
    static Path dir;

    private static Path cohort;
    private static Path model;

    @BeforeAll
    static void trainOnASmallGeneratedCohort() throws IOException {
        cohort = dir.resolve("cohort");
        CohortGenerator.DEFAULT.write(cohort, 160, COHORT_SEED, done -> { });
        model = dir.resolve("model.zip");
        WorldModelTrainer.fit(CohortDirectorySource.of(cohort).load(), TinyModels.QUICK).save(model);
    }

    private static FidelityReporter.Settings settings(Long cohortSeed) {
        return new FidelityReporter.Settings(cohortSeed, new CounterfactualFidelity.Settings(6, 3, 1), 6, "cpu");
    }

    @Test
    void measuresEverySectionOnTheTestSplit() {
        FidelityReport report = FidelityReporter.run(model, cohort, settings(COHORT_SEED), stage -> { });

        OneStepFidelity o = report.oneStep();
        assertThat(o.stays()).isEqualTo(new CohortDirectorySource(cohort, java.util.List.of(CohortSplit.TEST), 18)
                .load().stays().size());
        assertThat(o.featureMae()).hasSize(39).containsKeys("meanbp", "lactate");
        assertThat(o.mae()).isPositive().isFinite();
        assertThat(o.heldMae()).isLessThan(o.mae());
        assertThat(o.coverage50()).isBetween(0.0, 1.0);
        assertThat(o.coverage90()).isGreaterThanOrEqualTo(o.coverage50());
        assertThat(o.reliability()).hasSize(10);
        assertThat(o.reliability().stream().mapToInt(OneStepFidelity.ReliabilityBin::count).sum()).isEqualTo(o.stays());
        // one step of a rollout is the one-step prediction
        assertThat(report.rollout().horizons()).hasSize(6);
        assertThat(report.rollout().at(1).mae()).isCloseTo(o.mae(), within(1e-6));
        assertThat(report.rollout().at(1).starts()).isEqualTo(o.transitions());
        assertThat(report.rollout().at(6).starts()).isLessThan(report.rollout().at(1).starts());

        CounterfactualFidelity c = report.counterfactual();
        assertThat(c).isNotNull();
        assertThat(c.states()).isEqualTo(6);
        assertThat(c.effects()).hasSize(4).allSatisfy(e -> {
            assertThat(e.pairs()).isEqualTo(6 * 20);
            assertThat(e.determined()).isBetween(0L, e.pairs());
        });
        CounterfactualFidelity.Effect mapVasopressor = c.effects().get(0);
        assertThat(mapVasopressor.outcome()).isEqualTo("MAP");
        assertThat(mapVasopressor.treatment()).isEqualTo("vasopressor");
        assertThat(mapVasopressor.simulatorEffect()).as("vasopressors raise MAP in the simulator").isPositive();

        String md = FidelityMarkdown.render(report, java.util.List.of("rollout_mae.png"));
        assertThat(md).contains("## Summary (test split)", "SepsisAgent", "0.316", "## Multi-step rollouts", "## Calibration",
                "## Counterfactual fidelity", "## One-step standardized MAE per feature", "![rollout_mae.png](rollout_mae.png)");
    }

    @Test
    void sameModelAndCohortGiveTheSameReport() {
        FidelityReport a = FidelityReporter.run(model, cohort, settings(COHORT_SEED), stage -> { });
        FidelityReport b = FidelityReporter.run(model, cohort, settings(COHORT_SEED), stage -> { });
        assertThat(b.oneStep()).isEqualTo(a.oneStep());
        assertThat(b.rollout()).isEqualTo(a.rollout());
        assertThat(b.counterfactual()).isEqualTo(a.counterfactual());
    }

    @Test
    void theWrongCohortSeedIsAClearError() {
        assertThatThrownBy(() -> FidelityReporter.run(model, cohort, settings(COHORT_SEED + 1), stage -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--cohort-seed")
                .hasMessageContaining("--no-counterfactual");
    }

    @Test
    void withoutASeedOrLatentFileTheCounterfactualSectionIsExplained() throws IOException {
        FidelityReport skipped = FidelityReporter.run(model, cohort, settings(null), stage -> { });
        assertThat(skipped.counterfactual()).isNull();
        assertThat(FidelityMarkdown.render(skipped, java.util.List.of())).contains("skipped on request");

        Path imported = dir.resolve("imported");
        Files.createDirectories(imported);
        Files.copy(cohort.resolve(CohortSplit.TEST.fileName()), imported.resolve(CohortSplit.TEST.fileName()));
        FidelityReport noLatent = FidelityReporter.run(model, imported, settings(COHORT_SEED), stage -> { });
        assertThat(noLatent.counterfactual()).isNull();
        assertThat(noLatent.counterfactualNote()).contains("not generated by the reference simulator");
    }

    @Test
    void missingFilesAreClearErrors() {
        assertThatThrownBy(() -> FidelityReporter.run(dir.resolve("none.zip"), cohort, settings(null), stage -> { }))
                .isInstanceOf(WorldModelException.class);
        assertThatThrownBy(() -> FidelityReporter.run(model, dir.resolve("no-cohort"), settings(null), stage -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.csv.gz")
                .hasMessageContaining("icugym cohort generate");
    }
}
