package org.icugym.evaluation.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrajectoryDatasetTest {
    @Test
    void groupsStaysByPatient() {
        TrajectoryDataset d = new TrajectoryDataset(List.of(
                Trajectory.discrete("a", new int[] {0, 1}, new int[] {0, 1}, new double[] {0, 1}),
                Trajectory.discrete("b", new int[] {2}, new int[] {1}, new double[] {0}),
                Trajectory.discrete("a", new int[] {1}, new int[] {0}, new double[] {0})), 2);
        assertThat(d.numPatients()).isEqualTo(2);
        assertThat(d.patientTrajectories(0)).containsExactly(0, 2);
        assertThat(d.totalSteps()).isEqualTo(4);
        assertThat(d.maxLength()).isEqualTo(2);
        assertThat(d.numStatesSeen()).isEqualTo(3);
        assertThat(d.trajectoryMultiplicities(new int[] {2, 1})).containsExactly(2, 1, 2);
        assertThat(d.get(0).discountedReturn(0.5)).isEqualTo(0.5);
    }

    @Test
    void rejectsMalformedTrajectoriesWithAReason() {
        assertThatThrownBy(() -> Trajectory.discrete("a", new int[] {0}, new int[] {0, 1}, new double[] {0, 1}))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("1 states for 2 actions");
        assertThatThrownBy(() -> Trajectory.discrete("", new int[] {0}, new int[] {0}, new double[] {0}))
                .hasMessageContaining("patient id");
        assertThatThrownBy(() -> Trajectory.discrete("a", new int[] {0}, new int[] {0}, new double[] {Double.NaN}))
                .hasMessageContaining("non-finite reward");
        assertThatThrownBy(() -> new Trajectory("a", new int[] {0}, null, new int[] {0}, new double[] {0},
                new double[] {0})).hasMessageContaining("probability in (0, 1]");
        assertThatThrownBy(() -> new TrajectoryDataset(List.of(Trajectory.discrete("a", new int[] {0}, new int[] {5},
                new double[] {0})), 2)).hasMessageContaining("action 5");
        assertThatThrownBy(() -> new TrajectoryDataset(List.of(), 2)).hasMessageContaining("no trajectories");
    }
}
