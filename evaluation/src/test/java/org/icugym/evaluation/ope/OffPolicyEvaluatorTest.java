package org.icugym.evaluation.ope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.icugym.evaluation.behaviour.RecordedBehaviour;
import org.icugym.evaluation.bootstrap.PatientBootstrap;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.icugym.evaluation.qmodel.TabularFqe;
import org.junit.jupiter.api.Test;

/** The evaluator on the hand-computed trajectories of {@link TinyDatasets}. */
class OffPolicyEvaluatorTest {
    private final TrajectoryDataset data = TinyDatasets.threeTrajectories();

    private OffPolicyEvaluator evaluator(Clipping clipping) {
        return new OffPolicyEvaluator(data, RecordedBehaviour.INSTANCE, 1, clipping,
                new PatientBootstrap(data, 200, 5, 0.9));
    }

    @Test
    void reportsEveryEstimatorWithItsDiagnostics() {
        List<OpeResult> results = evaluator(Clipping.NONE).importanceSampling(TinyDatasets.target(),
                TinyDatasets.qModel());
        assertThat(results).extracting(OpeResult::estimator).containsExactly(Estimator.IS, Estimator.WIS,
                Estimator.PDIS, Estimator.WPDIS, Estimator.DR, Estimator.WDR);
        assertThat(results.get(1).estimate()).isCloseTo(32.0 / 35, within(1e-12));
        assertThat(results.get(5).estimate()).isCloseTo(1196.0 / 1575, within(1e-12));
        for (OpeResult r : results) {
            assertThat(r.interval().level()).isEqualTo(0.9);
            assertThat(r.interval().resamples()).isEqualTo(200);
            assertThat(r.interval().low()).isLessThanOrEqualTo(r.interval().high());
            assertThat(r.patients()).isEqualTo(3);
            assertThat(r.clipping()).isEqualTo(Clipping.NONE);
            assertThat(r.summary()).contains(r.estimator().name()).contains("clipping none");
        }
    }

    @Test
    void withoutAQModelOnlyTheImportanceSamplingEstimatorsRun() {
        assertThat(evaluator(Clipping.NONE).importanceSampling(TinyDatasets.target(), null)).hasSize(4);
    }

    @Test
    void sameSeedSameIntervals() {
        OpeResult a = evaluator(Clipping.NONE).importanceSampling(TinyDatasets.target(), null).get(1);
        OpeResult b = evaluator(Clipping.NONE).importanceSampling(TinyDatasets.target(), null).get(1);
        assertThat(b.interval()).isEqualTo(a.interval());
    }

    @Test
    void clippingIsCarriedIntoEveryResult() {
        OpeResult is = evaluator(new Clipping(2)).importanceSampling(TinyDatasets.target(), null).get(0);
        assertThat(is.estimate()).isCloseTo(46.0 / 45, within(1e-12));
        assertThat(is.clippedShare()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(is.summary()).contains("clipped at 2.0");
    }

    @Test
    void fqeResultRefitsOnEveryResample() {
        TabularFqe fqe = new TabularFqe(data, TinyDatasets.target(), 1, 0);
        OpeResult r = evaluator(Clipping.NONE).fqe(fqe, "target", 50, 9);
        assertThat(r.estimator()).isEqualTo(Estimator.FQE);
        assertThat(r.estimate()).isCloseTo(0.8, within(1e-9));
        assertThat(r.interval().resamples()).isEqualTo(50);
        assertThat(r.interval().standardError()).isPositive();
    }

    @Test
    void doublyRobustIntervalsCanRefitTheQModel() {
        TabularFqe fqe = new TabularFqe(data, TinyDatasets.target(), 1, 0);
        List<OpeResult> refitted = evaluator(Clipping.NONE).doublyRobustWithRefits(TinyDatasets.target(),
                m -> fqe.fit(m).qModel(), 40, 3);
        List<OpeResult> fixed = evaluator(Clipping.NONE).importanceSampling(TinyDatasets.target(), fqe.fit().qModel());
        assertThat(refitted).extracting(OpeResult::estimator).containsExactly(Estimator.DR, Estimator.WDR);
        assertThat(refitted.get(0).estimate()).isCloseTo(fixed.get(4).estimate(), within(1e-12));
        assertThat(refitted.get(1).estimate()).isCloseTo(fixed.get(5).estimate(), within(1e-12));
        assertThat(refitted.get(0).interval().resamples()).isEqualTo(40);
    }
}
