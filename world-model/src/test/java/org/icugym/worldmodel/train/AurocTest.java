package org.icugym.worldmodel.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AurocTest {

    @Test
    void perfectSeparationIsOne() {
        assertThat(Auroc.of(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {false, false, true, true})).isEqualTo(1.0);
    }

    @Test
    void reversedSeparationIsZero() {
        assertThat(Auroc.of(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {false, false, true, true})).isEqualTo(0.0);
    }

    @Test
    void handComputedCaseWithATie() {
        // positives 0.8, 0.5; negatives 0.5, 0.1: pairs (0.8>0.5) 1, (0.8>0.1) 1, (0.5=0.5) 0.5, (0.5>0.1) 1 -> 3.5/4
        double auc = Auroc.of(new double[] {0.8, 0.5, 0.5, 0.1}, new boolean[] {true, true, false, false});
        assertThat(auc).isCloseTo(0.875, within(1e-12));
    }

    @Test
    void oneClassIsNaN() {
        assertThat(Auroc.of(new double[] {0.1, 0.2}, new boolean[] {true, true})).isNaN();
    }
}
