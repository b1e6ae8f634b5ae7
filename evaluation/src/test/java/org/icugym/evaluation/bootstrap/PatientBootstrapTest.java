package org.icugym.evaluation.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.junit.jupiter.api.Test;

class PatientBootstrapTest {
    /** Patient "a" has two stays, "b" and "c" one each. */
    private final TrajectoryDataset data = new TrajectoryDataset(List.of(
            Trajectory.discrete("a", new int[] {0}, new int[] {0}, new double[] {1}),
            Trajectory.discrete("b", new int[] {0}, new int[] {0}, new double[] {2}),
            Trajectory.discrete("a", new int[] {0}, new int[] {0}, new double[] {3}),
            Trajectory.discrete("c", new int[] {0}, new int[] {0}, new double[] {4})), 1);

    @Test
    void resamplesPatientsWithAllTheirStays() {
        PatientBootstrap b = new PatientBootstrap(data, 50, 7, 0.95);
        assertThat(data.numPatients()).isEqualTo(3);
        for (int r = 0; r < 50; r++) {
            double[] m = b.multiplicities(r);
            assertThat(m[0]).isEqualTo(m[2]);
            assertThat(m[0] + m[1] + m[3]).isEqualTo(3.0); // three patients drawn per resample
        }
    }

    @Test
    void sameSeedSameReplicatesWhateverTheThreads() {
        PatientBootstrap b = new PatientBootstrap(data, 200, 11, 0.95);
        double[] first = b.replicates(PatientBootstrapTest::meanReturn);
        double[] second = new PatientBootstrap(data, 200, 11, 0.95).replicates(PatientBootstrapTest::meanReturn);
        assertThat(second).containsExactly(first);
        double[] sequential = new double[200];
        for (int r = 0; r < 200; r++) {
            sequential[r] = meanReturn(b.multiplicities(r));
        }
        assertThat(sequential).containsExactly(first);
        assertThat(new PatientBootstrap(data, 200, 12, 0.95).replicates(PatientBootstrapTest::meanReturn))
                .isNotEqualTo(first);
    }

    @Test
    void percentileIntervalInterpolatesOrderStatistics() {
        double[] replicates = new double[101];
        for (int i = 0; i <= 100; i++) {
            replicates[i] = 100 - i;
        }
        ConfidenceInterval ci = PatientBootstrap.percentile(replicates, 0.9);
        assertThat(ci.low()).isCloseTo(5.0, within(1e-12));
        assertThat(ci.high()).isCloseTo(95.0, within(1e-12));
        assertThat(ci.resamples()).isEqualTo(101);
        assertThat(ci.covers(50)).isTrue();
        assertThat(ci.covers(96)).isFalse();
        assertThat(PatientBootstrap.quantile(new double[] {1, 2}, 0.25)).isCloseTo(1.25, within(1e-12));
    }

    @Test
    void rejectsUnusableSettings() {
        assertThatThrownBy(() -> new PatientBootstrap(data, 1, 0, 0.95)).isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("at least 2 resamples");
        assertThatThrownBy(() -> new PatientBootstrap(data, 100, 0, 1.0)).isInstanceOf(InvalidDatasetException.class);
    }

    private static double meanReturn(double[] m) {
        double[] r = {1, 2, 3, 4};
        double s = 0;
        double n = 0;
        for (int i = 0; i < 4; i++) {
            s += m[i] * r[i];
            n += m[i];
        }
        return s / n;
    }
}
