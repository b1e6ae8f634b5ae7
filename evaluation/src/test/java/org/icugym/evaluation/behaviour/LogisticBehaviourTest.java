package org.icugym.evaluation.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.junit.jupiter.api.Test;

class LogisticBehaviourTest {
    // one binary feature; at x = 0 actions 0,0,0,1 (b(1|0) = 1/4), at x = 1 actions 0,1,1,1 (b(1|1) = 3/4)
    private final TrajectoryDataset binary = new TrajectoryDataset(List.of(
            new Trajectory("p", null, new double[][] {{0}, {0}, {0}, {0}}, new int[] {0, 0, 0, 1}, new double[4], null),
            new Trajectory("q", null, new double[][] {{1}, {1}, {1}, {1}}, new int[] {0, 1, 1, 1}, new double[4], null)),
            2);

    @Test
    void aSaturatedModelReproducesTheLoggedFrequencies() {
        LogisticBehaviour b = LogisticBehaviour.fit(binary, 0, 0);
        assertThat(b.probabilities(new double[] {0})).containsExactly(new double[] {0.75, 0.25}, within(1e-4));
        assertThat(b.probabilities(new double[] {1})).containsExactly(new double[] {0.25, 0.75}, within(1e-4));
        // the maximum mean log-likelihood: (3 ln 3/4 + ln 1/4) / 4 at each x
        assertThat(b.meanLogLikelihood()).isCloseTo((3 * Math.log(0.75) + Math.log(0.25)) / 4, within(1e-6));
        assertThat(b.probability(binary.get(1), 0)).isCloseTo(0.25, within(1e-4));
    }

    @Test
    void withoutInformativeFeaturesItGivesTheActionFrequenciesAndNearZeroForUnloggedActions() {
        TrajectoryDataset flat = new TrajectoryDataset(List.of(new Trajectory("p", null,
                new double[][] {{1}, {1}, {1}, {1}, {1}}, new int[] {0, 0, 0, 1, 1}, new double[5], null)), 3);
        LogisticBehaviour b = LogisticBehaviour.fit(flat, 1e-3, 0);
        assertThat(b.probabilities(new double[] {1})).containsExactly(new double[] {0.6, 0.4, 0}, within(1e-3));
    }

    @Test
    void softensWithEpsilonAndDescribesItself() {
        LogisticBehaviour b = LogisticBehaviour.fit(binary, 0, 0.2);
        // (1 - 0.2) * 3/4 + 0.2 / 2
        assertThat(b.probabilities(new double[] {0})[0]).isCloseTo(0.7, within(1e-4));
        assertThat(b.description()).contains("multinomial logistic").contains("epsilon 0.2");
        assertThat(b.iterations()).isBetween(1, LogisticBehaviour.MAX_ITERATIONS);
    }

    @Test
    void aRidgePenaltyShrinksTheSlopeTowardsThePooledFrequencies() {
        double sharp = LogisticBehaviour.fit(binary, 0, 0).probabilities(new double[] {1})[1];
        double shrunk = LogisticBehaviour.fit(binary, 1, 0).probabilities(new double[] {1})[1];
        assertThat(shrunk).isBetween(0.5, sharp - 0.05);
    }

    @Test
    void rejectsBadSettingsAndFeatures() {
        assertThatThrownBy(() -> LogisticBehaviour.fit(binary, 0, 1)).isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("epsilon must be in [0, 1)");
        assertThatThrownBy(() -> LogisticBehaviour.fit(binary, -1, 0)).hasMessageContaining("ridge");
        TrajectoryDataset nan = new TrajectoryDataset(List.of(new Trajectory("p", null,
                new double[][] {{Double.NaN}}, new int[] {0}, new double[1], null)), 2);
        assertThatThrownBy(() -> LogisticBehaviour.fit(nan, 0, 0)).isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("impute");
        TrajectoryDataset ragged = new TrajectoryDataset(List.of(new Trajectory("p", null,
                new double[][] {{0}, {0, 1}}, new int[] {0, 1}, new double[2], null)), 2);
        assertThatThrownBy(() -> LogisticBehaviour.fit(ragged, 0, 0)).hasMessageContaining("expected 1");
    }
}
