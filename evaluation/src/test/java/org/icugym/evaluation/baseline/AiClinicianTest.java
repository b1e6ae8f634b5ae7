package org.icugym.evaluation.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.junit.jupiter.api.Test;

/**
 * Two well-separated groups of states (x near 0 and near 10). Near 0 action 1 always leads to
 * survival, action 0 to death or to the other group; near 10 action 0 leads to survival.
 */
class AiClinicianTest {
    private static Trajectory stay(String id, double[] xs, int[] actions) {
        double[][] f = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            f[i] = new double[] {xs[i]};
        }
        return new Trajectory(id, null, f, actions, new double[xs.length], null);
    }

    private final TrajectoryDataset cohort = new TrajectoryDataset(List.of(
            stay("a1", new double[] {0}, new int[] {1}),
            stay("a2", new double[] {0.2}, new int[] {0}),
            stay("a3", new double[] {0.1}, new int[] {1}),
            stay("b1", new double[] {10}, new int[] {0}),
            stay("b2", new double[] {10.1}, new int[] {1}),
            stay("ab", new double[] {0.1, 10}, new int[] {0, 0})), 2);
    private final Set<String> survivors = Set.of("a1", "a3", "b1", "ab");

    @Test
    void learnsTheActionThatLeadsToSurvivalInEachState() {
        AiClinician ai = AiClinician.fit(cohort, t -> survivors.contains(t.patientId()),
                new AiClinician.Settings(2, 20, 0.99, 100, 1, 7));
        assertThat(ai.action(new double[] {0.05})).isEqualTo(1);
        assertThat(ai.action(new double[] {9.9})).isEqualTo(0);
        // near 10: action 0 survives twice: V = 100. Near 0: action 1 survives twice: V = 100
        // (action 0 there: 0.5 * -100 + 0.5 * 0.99 * 100 = -0.5)
        assertThat(ai.stateValue(new double[] {10})).isCloseTo(100, within(1e-6));
        assertThat(ai.stateValue(new double[] {0})).isCloseTo(100, within(1e-6));
        assertThat(ai.probabilities(cohort.get(3), 0)).containsExactly(1, 0);
        assertThat(ai.name()).isEqualTo("AI Clinician");
    }

    @Test
    void kMeansSeparatesTheGroups() {
        KMeans km = KMeans.fit(new double[][] {{0}, {0.2}, {10}, {10.2}}, 2, 10, 3);
        assertThat(km.nearest(new double[] {0.1})).isNotEqualTo(km.nearest(new double[] {10.1}));
        assertThat(km.centroid(km.nearest(new double[] {0}))[0]).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> AiClinician.fit(cohort, t -> true, new AiClinician.Settings(2, 20, 1.0, 100, 1, 7)))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("gamma");
        assertThatThrownBy(() -> KMeans.fit(new double[][] {{0}}, 2, 10, 1)).hasMessageContaining("k <=");
    }
}
