package org.icugym.core.envs.icusepsis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icugym.core.io.NpyTestFiles.npy;
import static org.icugym.core.io.NpyTestFiles.zip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.icugym.core.io.NpyFormatException;
import org.junit.jupiter.api.Test;

/** Reading ICU-Sepsis-shaped archives: a tiny 2-state, 1-action MDP, and broken variants. */
class IcuSepsisLoaderTest {
    private static final String ADMISSIBLE = "1 1\n0\n0\n";

    @Test
    void readsATinyMdpIntoSparseRows() throws IOException {
        IcuSepsisData d = read(tiny(0.25, 0.75));
        SparseTransitions p = d.transitions();
        assertThat(p.nonZeros()).isEqualTo(3);
        assertThat(p.probability(0, 0, 0)).isEqualTo(0.25);
        assertThat(p.probability(0, 0, 1)).isEqualTo(0.75);
        assertThat(p.probability(1, 0, 0)).isZero();
        assertThat(p.denseRow(1, 0)).containsExactly(0, 1);
        assertThat(p.expectedReward(0, 0)).isEqualTo(0.75);
        assertThat(d.admissibleActions(1)).containsExactly(0);
    }

    @Test
    void rejectsARowThatIsNotADistribution() {
        assertThatThrownBy(() -> read(tiny(0.25, 0.5)))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("t/dynamics.npz entry 'tx_mat.npy': row (s=0, a=0) sums to 0.75: expected a probability "
                        + "distribution over next states (sum 1)");
    }

    @Test
    void rejectsAnArchiveMissingAnArray() {
        byte[] npz = zip(Map.entry("tx_mat.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1, 2), }",
                0.25, 0.75, 0, 1)));
        assertThatThrownBy(() -> read(npz))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("t/dynamics.npz: missing array 'r_mat.npy'");
    }

    private static byte[] tiny(double p00, double p01) {
        return zip(
                Map.entry("tx_mat.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1, 2), }",
                        p00, p01, 0, 1)),
                Map.entry("r_mat.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1, 2), }",
                        0, 1, 0, 0)),
                Map.entry("d_0.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 1, 0)),
                Map.entry("expert_policy.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), }", 1, 1)),
                Map.entry("sofa_scores.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 3, 0)));
    }

    private static IcuSepsisData read(byte[] npz) throws IOException {
        return IcuSepsisData.read(new ByteArrayInputStream(npz),
                new ByteArrayInputStream(ADMISSIBLE.getBytes(StandardCharsets.US_ASCII)), "t");
    }
}
