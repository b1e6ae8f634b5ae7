package org.icugym.evaluation.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.junit.jupiter.api.Test;

class KnnBehaviourTest {
    // one feature; steps at x = 0, 0.1, 0.2 took action 0, steps at x = 5, 5.1 took action 1
    private final TrajectoryDataset data = new TrajectoryDataset(List.of(
            new Trajectory("p", null, new double[][] {{0}, {0.1}, {5}}, new int[] {0, 0, 1}, new double[3], null),
            new Trajectory("q", null, new double[][] {{0.2}, {5.1}}, new int[] {0, 1}, new double[2], null)), 2);

    @Test
    void countsTheActionsOfTheNearestLoggedSteps() {
        KnnBehaviour b = KnnBehaviour.fit(data, 2, 0);
        assertThat(b.probabilities(new double[] {0.05})).containsExactly(new double[] {1, 0}, within(1e-12));
        // x = 4: nearest are 5 and 5.1 (action 1)
        assertThat(b.probabilities(new double[] {4})).containsExactly(new double[] {0, 1}, within(1e-12));
        // x = 2.6 with k = 4: 0.2, 0.1, 5, 5.1... distances 2.4, 2.5, 2.4, 2.5 -> two of each
        assertThat(KnnBehaviour.fit(data, 4, 0).probabilities(new double[] {2.6}))
                .containsExactly(new double[] {0.5, 0.5}, within(1e-12));
    }

    @Test
    void leavesALoggedStepOutOfItsOwnNeighbourhoodAndSoftens() {
        KnnBehaviour b = KnnBehaviour.fit(data, 1, 0.2);
        // step x = 5 (action 1): its nearest other step is 5.1 (action 1): 0.8 + 0.1
        assertThat(b.probability(data.get(0), 2)).isCloseTo(0.9, within(1e-12));
        // step x = 0.2 (action 0): nearest other is 0.1 (action 0)
        assertThat(b.probability(data.get(1), 0)).isCloseTo(0.9, within(1e-12));
        assertThat(b.description()).contains("k 1").contains("epsilon 0.2");
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> KnnBehaviour.fit(data, 5, 0)).isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("k must be in [1, 5)");
        assertThatThrownBy(() -> KnnBehaviour.fit(data, 1, -0.1)).hasMessageContaining("epsilon");
    }
}
