package org.icugym.evaluation.ope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.icugym.evaluation.behaviour.RecordedBehaviour;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.icugym.evaluation.policy.TabularPolicy;
import org.icugym.evaluation.qmodel.TabularQModel;
import org.junit.jupiter.api.Test;

/** Every importance-sampling estimator on three hand-computed trajectories (see {@link TinyDatasets}). */
class WeightedStepsTest {
    private static final double EXACT = 1e-12;
    private final TrajectoryDataset data = TinyDatasets.threeTrajectories();
    private final double[] all = TinyDatasets.ones(3);

    private WeightedSteps steps(double gamma, Clipping clipping) {
        return WeightedSteps.of(data, TinyDatasets.target(), RecordedBehaviour.INSTANCE, TinyDatasets.qModel(), gamma,
                clipping);
    }

    @Test
    void trajectoryWiseImportanceSampling() {
        WeightedSteps ws = steps(1, Clipping.NONE);
        // IS = (16/15 * 1 + 0.4 * 0 + 3.2 * 1) / 3 = 64/45
        assertThat(ws.is(all)).isCloseTo(64.0 / 45, within(EXACT));
        // WIS = (64/15) / (16/15 + 6/15 + 48/15) = 32/35
        assertThat(ws.wis(all)).isCloseTo(32.0 / 35, within(EXACT));
    }

    @Test
    void discountingWeighsLaterRewardsLess() {
        WeightedSteps ws = steps(0.5, Clipping.NONE);
        // returns 0.5 (A), 0 (B), 1 (C): IS = (16/15 * 0.5 + 3.2) / 3 = 56/45, WIS = (56/15) / (70/15) = 0.8
        assertThat(ws.is(all)).isCloseTo(56.0 / 45, within(EXACT));
        assertThat(ws.wis(all)).isCloseTo(0.8, within(EXACT));
    }

    @Test
    void perDecisionImportanceSampling() {
        WeightedSteps ws = steps(1, Clipping.NONE);
        // PDIS = (w1(A) * 1 + w0(C) * 1) / 3 = (16/15 + 24/15) / 3 = 8/9
        assertThat(ws.pdis(all)).isCloseTo(8.0 / 9, within(EXACT));
        // WPDIS: t0: 1.6 / (1.6 + 0.4 + 1.6) = 4/9; t1 (B padded with its weight 0.4): (16/15) / (16/15 + 0.4 + 3.2) = 8/35
        assertThat(ws.wpdis(all)).isCloseTo(4.0 / 9 + 8.0 / 35, within(EXACT));
    }

    @Test
    void doublyRobust() {
        WeightedSteps ws = steps(1, Clipping.NONE);
        // A: 1.6(0 - 0.6) + 0.52 + (16/15)(1 - 0.9) + 1.6 * 0.6 = 47/75; B: 0.4(0 - 0.2) + 0.52 = 33/75;
        // C: 1.6(1 - 0.6) + 0.52 + 3.2(0 - 0.3) + 1.6 * 0.6 = 87/75
        assertThat(ws.dr(all)).isCloseTo(167.0 / 225, within(EXACT));
        // WDR: 1.56/3 + (-0.4)/3.6 + 1.92/3.6 + (-64/75)/(14/3) = 13/25 - 1/9 + 8/15 - 32/175
        assertThat(ws.wdr(all)).isCloseTo(1196.0 / 1575, within(EXACT));
    }

    @Test
    void aZeroQModelTurnsDrIntoPdisAndWdrIntoWpdis() {
        WeightedSteps ws = WeightedSteps.of(data, TinyDatasets.target(), RecordedBehaviour.INSTANCE,
                new TabularQModel(new double[2][2], "zero"), 1, Clipping.NONE);
        assertThat(ws.dr(all)).isCloseTo(ws.pdis(all), within(EXACT));
        assertThat(ws.wdr(all)).isCloseTo(ws.wpdis(all), within(EXACT));
    }

    @Test
    void anExactQModelMakesDrExactWhateverTheWeights() {
        // one-step episodes: Q(s, a) = E[r | s, a] makes every DR term equal V(s0)
        TrajectoryDataset oneStep = new TrajectoryDataset(List.of(
                new Trajectory("a", new int[] {0}, null, new int[] {0}, new double[] {2}, new double[] {0.9}),
                new Trajectory("b", new int[] {0}, null, new int[] {1}, new double[] {5}, new double[] {0.1})), 2);
        TabularPolicy pi = new TabularPolicy("pi", new double[][] {{0.3, 0.7}});
        WeightedSteps ws = WeightedSteps.of(oneStep, pi, RecordedBehaviour.INSTANCE,
                new TabularQModel(new double[][] {{2, 5}}, "exact"), 1, Clipping.NONE);
        assertThat(ws.dr(TinyDatasets.ones(2))).isCloseTo(0.3 * 2 + 0.7 * 5, within(EXACT));
    }

    @Test
    void diagnosticsOfTheWeights() {
        WeightedSteps ws = steps(1, Clipping.NONE);
        double sum = 70.0 / 15;
        double squares = (16.0 / 15) * (16.0 / 15) + 0.16 + 3.2 * 3.2;
        assertThat(ws.effectiveSampleSize()).isCloseTo(sum * sum / squares, within(EXACT));
        assertThat(ws.nonZeroWeightShare()).isEqualTo(1.0);
        assertThat(ws.meanWeight()).isCloseTo(sum / 3, within(EXACT));
        assertThat(ws.clippedShare()).isZero();
    }

    @Test
    void clippingCapsCumulativeWeightsAndIsReported() {
        WeightedSteps ws = steps(1, new Clipping(2));
        // C's final weight 3.2 becomes 2: IS = (16/15 + 2) / 3 = 46/45
        assertThat(ws.is(all)).isCloseTo(46.0 / 45, within(EXACT));
        assertThat(ws.clippedShare()).isCloseTo(1.0 / 3, within(EXACT));
        assertThat(ws.clipping().toString()).isEqualTo("clipped at 2.0");
    }

    @Test
    void multiplicitiesCountTrajectoriesRepeatedly() {
        WeightedSteps ws = steps(1, Clipping.NONE);
        // A twice, B dropped, C once: WIS = (2 * 16/15 + 3.2) / (2 * 16/15 + 3.2) = 1
        assertThat(ws.wis(new double[] {2, 0, 1})).isCloseTo(1.0, within(EXACT));
        assertThat(ws.is(new double[] {2, 0, 1})).isCloseTo((32.0 / 15 + 3.2) / 3, within(EXACT));
    }

    @Test
    void aPolicyThatNeverAgreesWithTheDataHasNoWeightedEstimate() {
        TabularPolicy never = new TabularPolicy("never", new double[][] {{0, 1}, {0, 1}});
        TrajectoryDataset onlyAction0 = new TrajectoryDataset(List.of(data.get(2)), 2);
        WeightedSteps ws = WeightedSteps.of(onlyAction0, never, RecordedBehaviour.INSTANCE, null, 1, Clipping.NONE);
        assertThat(ws.wis(TinyDatasets.ones(1))).isNaN();
        assertThat(ws.is(TinyDatasets.ones(1))).isZero();
        assertThat(ws.nonZeroWeightShare()).isZero();
        assertThat(ws.effectiveSampleSize()).isZero();
    }

    @Test
    void badInputsFailWithClearMessages() {
        assertThatThrownBy(() -> WeightedSteps.of(data, TinyDatasets.target(), RecordedBehaviour.INSTANCE, null, 1,
                Clipping.NONE).dr(all)).isInstanceOf(IllegalStateException.class).hasMessageContaining("Q-model");
        assertThatThrownBy(() -> steps(0, Clipping.NONE)).isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("gamma");
        assertThatThrownBy(() -> new Clipping(0)).isInstanceOf(InvalidDatasetException.class);
        TabularPolicy threeActions = TabularPolicy.uniform(2, 3);
        assertThatThrownBy(() -> WeightedSteps.of(data, threeActions, RecordedBehaviour.INSTANCE, null, 1,
                Clipping.NONE)).hasMessageContaining("3 actions but the data has 2");
        TrajectoryDataset unrecorded = new TrajectoryDataset(List.of(Trajectory.discrete("p", new int[] {0},
                new int[] {0}, new double[] {0})), 2);
        assertThatThrownBy(() -> WeightedSteps.of(unrecorded, TinyDatasets.target(), RecordedBehaviour.INSTANCE, null, 1,
                Clipping.NONE)).hasMessageContaining("estimate them");
    }
}
