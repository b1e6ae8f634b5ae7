package org.icugym.evaluation.qmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.icugym.evaluation.policy.TabularPolicy;
import org.junit.jupiter.api.Test;

/**
 * FQE on three hand-computed trajectories: A = s0 a0 r0 -> s1 a1 r1, B = s0 a1 r0,
 * C = s0 a0 r1 -> s1 a0 r0 (three actions; action 2 is never logged).
 */
class TabularFqeTest {
    private static final double EXACT = 1e-9;
    private final TrajectoryDataset data = new TrajectoryDataset(List.of(
            Trajectory.discrete("p1", new int[] {0, 1}, new int[] {0, 1}, new double[] {0, 1}),
            Trajectory.discrete("p2", new int[] {0}, new int[] {1}, new double[] {0}),
            Trajectory.discrete("p3", new int[] {0, 1}, new int[] {0, 0}, new double[] {1, 0})), 3);

    @Test
    void fitsTheValueOfTheMaximumLikelihoodModel() {
        // Q(1,0) = 0, Q(1,1) = 1, V(1) = 0.5; Q(0,0) = mean(0, 1) + V(1) = 1, Q(0,1) = 0, V(0) = 0.8
        TabularPolicy pi = new TabularPolicy("pi", new double[][] {{0.8, 0.2, 0}, {0.5, 0.5, 0}});
        TabularFqe.Fit fit = new TabularFqe(data, pi, 1).fit();
        assertThat(fit.stateValue(1)).isCloseTo(0.5, within(EXACT));
        assertThat(fit.stateValue(0)).isCloseTo(0.8, within(EXACT));
        assertThat(fit.value()).isCloseTo(0.8, within(EXACT));
        TabularQModel q = fit.qModel();
        assertThat(q.q(0, 0)).isCloseTo(1.0, within(EXACT));
        assertThat(q.q(1, 1)).isCloseTo(1.0, within(EXACT));
    }

    @Test
    void anUnloggedActionIsWorthTheMeanOfTheLoggedOnes() {
        // pi(.|1) = (0.5, 0, 0.5): Q(1,2) = mean(Q(1,0), Q(1,1)) = 0.5, V(1) = 0.25; V(0) = 0.8 (0.5 + 0.25) = 0.6
        TabularPolicy pi = new TabularPolicy("pi", new double[][] {{0.8, 0.2, 0}, {0.5, 0, 0.5}});
        TabularFqe.Fit fit = new TabularFqe(data, pi, 1).fit();
        assertThat(fit.stateValue(1)).isCloseTo(0.25, within(EXACT));
        assertThat(fit.value()).isCloseTo(0.6, within(EXACT));
        assertThat(fit.qModel().q(1, 2)).isCloseTo(0.5, within(EXACT));
    }

    @Test
    void discountsTheNextStateValue() {
        TabularPolicy pi = new TabularPolicy("pi", new double[][] {{0.8, 0.2, 0}, {0.5, 0.5, 0}});
        // Q(0,0) = 0.5 + 0.5 * 0.5 = 0.75, V(0) = 0.6
        assertThat(new TabularFqe(data, pi, 0.5).fit().value()).isCloseTo(0.6, within(EXACT));
    }

    @Test
    void refitsUnderBootstrapMultiplicities() {
        // A twice, B dropped, C once: Q(0,0) = 1/3 + V(1) = 1/3 + 0.5; action 1 unlogged in state 0 now,
        // so Q(0,1) = Q(0,0) and V(0) = 5/6
        TabularPolicy pi = new TabularPolicy("pi", new double[][] {{0.8, 0.2, 0}, {0.5, 0.5, 0}});
        TabularFqe fqe = new TabularFqe(data, pi, 1);
        assertThat(fqe.fit(new double[] {2, 0, 1}).value()).isCloseTo(5.0 / 6, within(EXACT));
        assertThat(fqe.fit().value()).isCloseTo(0.8, within(EXACT));
    }
}
