package org.icugym.evaluation.qmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.icugym.evaluation.policy.Policy;
import org.junit.jupiter.api.Test;

/**
 * Linear FQE on the three trajectories of {@link TabularFqeTest}, with states encoded one-hot
 * (s0 = (1, 0), s1 = (0, 1)): without ridge it reproduces tabular FQE.
 */
class LinearFqeTest {
    private static final double[] S0 = {1, 0};
    private static final double[] S1 = {0, 1};
    private final TrajectoryDataset data = new TrajectoryDataset(List.of(
            new Trajectory("p1", null, new double[][] {S0, S1}, new int[] {0, 1}, new double[] {0, 1}, null),
            new Trajectory("p2", null, new double[][] {S0}, new int[] {1}, new double[] {0}, null),
            new Trajectory("p3", null, new double[][] {S0, S1}, new int[] {0, 0}, new double[] {1, 0}, null)), 2);

    /** pi(.|s0) = (0.8, 0.2), pi(.|s1) = (0.5, 0.5), read from the one-hot features. */
    private final Policy pi = new Policy() {
        @Override
        public int numActions() {
            return 2;
        }

        @Override
        public double[] probabilities(Trajectory trajectory, int step) {
            return trajectory.feature(step)[0] == 1 ? new double[] {0.8, 0.2} : new double[] {0.5, 0.5};
        }

        @Override
        public String name() {
            return "pi";
        }
    };

    @Test
    void oneHotFeaturesWithoutRidgeGiveTabularFqe() {
        LinearFqe.Fit fit = new LinearFqe(data, pi, 1, 0, false).fit();
        // Q(0,0) = 1, Q(0,1) = 0, Q(1,0) = 0, Q(1,1) = 1; V(0) = 0.8
        assertThat(fit.value()).isCloseTo(0.8, within(1e-9));
        assertThat(fit.coefficients(0)).containsExactly(new double[] {1, 0}, within(1e-9));
        assertThat(fit.coefficients(1)).containsExactly(new double[] {0, 1}, within(1e-9));
        assertThat(fit.qModel().qValues(data.get(0), 1)).containsExactly(new double[] {0, 1}, within(1e-9));
    }

    @Test
    void ridgeShrinksTowardsZero() {
        // ridge 1 on action 1 at s1 (one step, y = 1): theta = 1 / (1 + 1) = 0.5
        LinearFqe.Fit fit = new LinearFqe(data, pi, 1, 1, false).fit();
        assertThat(fit.coefficients(1)[1]).isCloseTo(0.5, within(1e-9));
        assertThat(fit.value()).isLessThan(0.8);
    }

    @Test
    void collinearFeaturesNeedARidge() {
        // an intercept beside one-hot features is collinear
        assertThatThrownBy(() -> new LinearFqe(data, pi, 1, 0, true).fit())
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("ridge");
        assertThat(new LinearFqe(data, pi, 1, 1e-6, true).fit().value()).isCloseTo(0.8, within(1e-4));
    }
}
