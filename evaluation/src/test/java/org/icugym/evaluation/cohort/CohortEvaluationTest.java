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
    void aCustomBatchedTargetIsEvaluatedOnTheCohortAndSimulatedForItsTrueValue() {
        CohortEvaluation.Settings withTruth = new CohortEvaluation.Settings(20, 10, 3, 0.01, 30, 50);
        CohortEvaluation e = CohortEvaluation.load(cohort, CohortSplit.TEST, withTruth);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger largest = new java.util.concurrent.atomic.AtomicInteger();
        // the guideline's rule, but seen through the observation rows a served agent would get
        GreedyTarget viaRows = new GreedyTarget("guideline-rows", in -> {
            calls.incrementAndGet();
            largest.accumulateAndGet(in.size(), Math::max);
            return in.stream().mapToInt(d -> org.icugym.core.clinical.policy.GuidelinePolicy.action(d.view()).index())
                    .toArray();
        }, 0.01);
        CohortEvaluation.Result r = e.evaluateTargets(List.of(viaRows, e.builtIn("guideline", stage -> { })),
                stage -> { });
        CohortEvaluation.PolicyResult custom = r.results().get(0);
        CohortEvaluation.PolicyResult builtIn = r.results().get(1);
        assertThat(custom.estimate(Estimator.WIS).estimate()).isEqualTo(builtIn.estimate(Estimator.WIS).estimate());
        assertThat(custom.truth().meanReturn()).isEqualTo(builtIn.truth().meanReturn());
        assertThat(custom.truth().episodes()).isEqualTo(30);
        // one call for the cohort's steps, then one per lockstep step of the 30 simulated patients
        assertThat(largest.get()).isEqualTo(e.data().totalSteps());
        assertThat(calls.get()).isBetween(2, 1 + 20);
        assertThat(e.decisionInputs()).hasSize(e.data().totalSteps())
                .allSatisfy(d -> assertThat(d.observation()).hasSize(
                        org.icugym.core.envs.physiology.PhysiologyObservation.DIM));
    }

    @Test
    void theBehaviourCanBeEstimatedByLogisticRegressionOrNeighbours() {
        for (CohortEvaluation.Behaviour b : List.of(CohortEvaluation.Behaviour.LOGISTIC, CohortEvaluation.Behaviour.KNN)) {
            CohortEvaluation.Result r = CohortEvaluation.load(cohort, CohortSplit.TEST, FAST.withBehaviour(b, 0.01))
                    .evaluate(List.of("clinician"), stage -> { });
            assertThat(r.behaviour()).contains(b == CohortEvaluation.Behaviour.LOGISTIC ? "logistic" : "neighbours");
            double wis = r.results().get(0).estimate(Estimator.WIS).estimate();
            assertThat(wis).as(b.cliName()).isFinite();
        }
        assertThat(CohortEvaluation.load(cohort, CohortSplit.TEST, FAST).evaluate(List.of("clinician"), s -> { })
                .behaviour()).contains("recorded");
        assertThatThrownBy(() -> FAST.withBehaviour(CohortEvaluation.Behaviour.LOGISTIC, 1))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("behaviour softening");
    }

    @Test
    void aTargetThatAnswersBadProbabilitiesFailsClearly() {
        CohortEvaluation e = CohortEvaluation.load(cohort, CohortSplit.TEST, FAST);
        TargetPolicy broken = new TargetPolicy() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public double[][] probabilities(List<DecisionInput> in) {
                double[][] p = new double[in.size()][25];
                return p;
            }
        };
        assertThatThrownBy(() -> e.evaluateTargets(List.of(broken), s -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("summing to 1");
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
