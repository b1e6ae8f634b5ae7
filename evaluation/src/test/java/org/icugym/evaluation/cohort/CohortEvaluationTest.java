package org.icugym.evaluation.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.icugym.core.clinical.cohort.CohortGenerator;
import org.icugym.core.clinical.cohort.CohortSplit;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.core.clinical.policy.PatientView;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.ope.Estimator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortEvaluationTest {
    @TempDir
    static Path dir;

    static Path cohort;

    private static final CohortEvaluation.Settings FAST = new CohortEvaluation.Settings(20, 10, 3, 0.01, 0, 50);

    @BeforeAll
    static void generate() {
        cohort = dir.resolve("cohort");
        CohortGenerator.DEFAULT.write(cohort, 200, 3, done -> { });
    }

    @Test
    void trajectoriesCarryFeaturesRecordedProbabilitiesAndTheOutcomeReward() {
        CohortEvaluation e = CohortEvaluation.load(cohort, CohortSplit.TRAIN, FAST);
        assertThat(e.simulated()).isTrue();
        assertThat(e.data().size()).isGreaterThan(100);
        assertThat(e.data().hasRecordedBehaviour()).isTrue();
        for (Trajectory t : e.data().trajectories()) {
            assertThat(t.feature(0)).hasSize(CohortEvaluation.FEATURES);
            assertThat(Math.abs(t.rewards()[t.length() - 1])).isEqualTo(15.0);
        }
    }

    @Test
    void simulatorStepsGiveFiniteFeaturesOfTheSameLength() {
        PatientView v = PatientView.of(PhysiologySimulator.DEFAULT.admit(1).current(), TreatmentAction.NONE);
        double[] x = CohortEvaluation.features(v);
        assertThat(x).hasSize(CohortEvaluation.FEATURES);
        for (double value : x) {
            assertThat(value).isFinite();
        }
    }

    @Test
    void evaluatesAPolicyWithEveryEstimatorAndNoTruthWhenNotAsked() {
        CohortEvaluation.Result r = CohortEvaluation.load(cohort, CohortSplit.TRAIN, FAST)
                .evaluate(List.of("no-treatment", "guideline"), stage -> { });
        assertThat(r.simulated()).isFalse();
        assertThat(r.results()).extracting(CohortEvaluation.PolicyResult::policy).containsExactly("no-treatment",
                "guideline");
        CohortEvaluation.PolicyResult p = r.results().get(0);
        assertThat(p.estimates()).extracting(o -> o.estimator()).containsExactly(Estimator.IS, Estimator.WIS,
                Estimator.PDIS, Estimator.WPDIS, Estimator.DR, Estimator.WDR, Estimator.FQE);
        assertThat(p.truth()).isNull();
        assertThat(p.safety().eitherOverDosing()).isZero(); // no treatment never gives more than the clinicians
    }

    @Test
    void badInputsFailClearly() {
        assertThatThrownBy(() -> CohortEvaluation.load(dir.resolve("missing"), CohortSplit.TEST, FAST))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("icugym cohort generate");
        assertThatThrownBy(() -> CohortEvaluation.load(dir, CohortSplit.TEST, FAST))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("has no test.csv.gz");
        CohortEvaluation e = CohortEvaluation.load(cohort, CohortSplit.TEST, FAST);
        assertThatThrownBy(() -> e.evaluate(List.of("dqn"), stage -> { }))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("unknown policy 'dqn'");
    }
}
