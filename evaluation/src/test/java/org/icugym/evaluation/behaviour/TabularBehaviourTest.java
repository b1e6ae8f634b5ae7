package org.icugym.evaluation.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.junit.jupiter.api.Test;

class TabularBehaviourTest {
    // state 0: actions 0, 0, 1, 0 (3 of 4 are action 0); state 1: action 2 once; four actions
    private final TrajectoryDataset data = new TrajectoryDataset(List.of(
            Trajectory.discrete("p", new int[] {0, 0, 1}, new int[] {0, 0, 2}, new double[] {0, 0, 1}),
            Trajectory.discrete("q", new int[] {0, 0}, new int[] {1, 0}, new double[] {0, 0})), 4);

    @Test
    void countsActionsPerState() {
        TabularBehaviour b = TabularBehaviour.fit(data, 0);
        assertThat(b.probability(0, 0)).isCloseTo(0.75, within(1e-12));
        assertThat(b.probability(0, 1)).isCloseTo(0.25, within(1e-12));
        assertThat(b.probability(1, 2)).isCloseTo(1.0, within(1e-12));
        assertThat(b.probability(data.get(1), 0)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void softensWithAnExplicitEpsilon() {
        TabularBehaviour b = TabularBehaviour.fit(data, 0.2);
        // 0.8 * 0.75 + 0.2 / 4 = 0.65; unseen action: 0.2 / 4 = 0.05
        assertThat(b.probability(0, 0)).isCloseTo(0.65, within(1e-12));
        assertThat(b.probability(0, 3)).isCloseTo(0.05, within(1e-12));
        assertThat(b.description()).contains("epsilon 0.2");
    }

    @Test
    void rejectsDataItCannotCount() {
        assertThatThrownBy(() -> TabularBehaviour.fit(data, 1.0)).isInstanceOf(InvalidDatasetException.class);
        TrajectoryDataset continuous = new TrajectoryDataset(List.of(new Trajectory("p", null,
                new double[][] {{0.1}}, new int[] {0}, new double[] {0}, null)), 2);
        assertThatThrownBy(() -> TabularBehaviour.fit(continuous, 0)).hasMessageContaining("KnnBehaviour");
    }
}
