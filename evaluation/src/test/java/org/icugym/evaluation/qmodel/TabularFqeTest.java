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
        TabularFqe.Fit fit = new TabularFqe(data, pi, 1, 0).fit();
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
        TabularFqe.Fit fit = new TabularFqe(data, pi, 1, 0).fit();
        assertThat(fit.stateValue(1)).isCloseTo(0.25, within(EXACT));
        assertThat(fit.value()).isCloseTo(0.6, within(EXACT));
        assertThat(fit.qModel().q(1, 2)).isCloseTo(0.5, within(EXACT));
    }

    @Test
    void shrinksRarelyLoggedActionsTowardsTheirState() {
        // k = 1. State 1: Q_data = (0, 1) once each, Q_state = 0.5, Q = (0.25, 0.75), V(1) = 0.5.
        // State 0: Q_data(0,0) = 0.5 + 0.5 = 1 (twice), Q_data(0,1) = 0 (once), Q_state = 2/3,
        // Q(0,0) = (2 + 2/3) / 3 = 8/9, Q(0,1) = (0 + 2/3) / 2 = 1/3, V(0) = 0.8 * 8/9 + 0.2 * 1/3 = 7/9
        TabularPolicy pi = new TabularPolicy("pi", new double[][] {{0.8, 0.2, 0}, {0.5, 0.5, 0}});
        TabularFqe.Fit fit = new TabularFqe(data, pi, 1, 1).fit();
        assertThat(fit.value()).isCloseTo(7.0 / 9, within(EXACT));
        assertThat(fit.qModel().q(1, 0)).isCloseTo(0.25, within(EXACT));
        assertThat(fit.qModel().q(0, 2)).isCloseTo(2.0 / 3, within(EXACT));
    }

    @Test
    void aSelfLoopLoggedOnceDoesNotTrapADeterministicPolicy() {
        // s0 a0 -> s0 (once), then s0 a1 r1 -> end. pi always takes a0.
        TrajectoryDataset loop = new TrajectoryDataset(List.of(
                Trajectory.discrete("p", new int[] {0, 0}, new int[] {0, 1}, new double[] {0, 1})), 2);
        TabularPolicy always0 = TabularPolicy.deterministic("always 0", new int[] {0}, 2);
        // without the prior the fitted loop never ends and is worth 0
        assertThat(new TabularFqe(loop, always0, 1, 0).fit().value()).isZero();
        // with k = 1: Q(0,0) = (V + Q_state) / 2, Q(0,1) = (1 + Q_state) / 2, Q_state = (V + 1) / 2 and
        // V = Q(0,0) give V = 1
        assertThat(new TabularFqe(loop, always0, 1, 1).fit().value()).isCloseTo(1.0, within(1e-8));
    }

    @Test
    void discountsTheNextStateValue() {
        TabularPolicy pi = new TabularPolicy("pi", new double[][] {{0.8, 0.2, 0}, {0.5, 0.5, 0}});
        // Q(0,0) = 0.5 + 0.5 * 0.5 = 0.75, V(0) = 0.6
        assertThat(new TabularFqe(data, pi, 0.5, 0).fit().value()).isCloseTo(0.6, within(EXACT));
    }

    @Test
    void refitsUnderBootstrapMultiplicities() {
        // A twice, B dropped, C once: Q(0,0) = 1/3 + V(1) = 1/3 + 0.5; action 1 unlogged in state 0 now,
        // so Q(0,1) = Q(0,0) and V(0) = 5/6
        TabularPolicy pi = new TabularPolicy("pi", new double[][] {{0.8, 0.2, 0}, {0.5, 0.5, 0}});
        TabularFqe fqe = new TabularFqe(data, pi, 1, 0);
        assertThat(fqe.fit(new double[] {2, 0, 1}).value()).isCloseTo(5.0 / 6, within(EXACT));
        assertThat(fqe.fit().value()).isCloseTo(0.8, within(EXACT));
    }
}
