package org.icugym.core.clinical.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DoseBinsTest {

    @ParameterizedTest(name = "vasopressor {0} -> bin {1}")
    @CsvSource({"0, 0", "1e-9, 1", "0.0799, 1", "0.08, 2", "0.2249, 2", "0.225, 3", "0.4499, 3", "0.45, 4", "5, 4"})
    void vasopressorBoundaries(double dose, int bin) {
        assertThat(DoseBins.DEFAULT_VASOPRESSOR.binOf(dose)).isEqualTo(bin);
    }

    @ParameterizedTest(name = "fluid {0} -> bin {1}")
    @CsvSource({"0, 0", "0.5, 1", "49.99, 1", "50, 2", "179.99, 2", "180, 3", "529.99, 3", "530, 4", "4000, 4"})
    void fluidBoundaries(double dose, int bin) {
        assertThat(DoseBins.DEFAULT_FLUID.binOf(dose)).isEqualTo(bin);
    }

    @Test
    void defaultRepresentativeDoses() {
        assertThat(DoseBins.DEFAULT_VASOPRESSOR.representativeDoses()).containsExactly(
                new double[] {0, 0.04, Math.sqrt(0.08 * 0.225), Math.sqrt(0.225 * 0.45), 0.675}, within(1e-12));
        assertThat(DoseBins.DEFAULT_VASOPRESSOR.representativeDose(2)).isCloseTo(0.1342, within(1e-4));
        assertThat(DoseBins.DEFAULT_VASOPRESSOR.representativeDose(3)).isCloseTo(0.3182, within(1e-4));
        assertThat(DoseBins.DEFAULT_FLUID.representativeDoses()).containsExactly(
                new double[] {0, 25, Math.sqrt(50 * 180), Math.sqrt(180 * 530), 795}, within(1e-9));
        for (int bin = 0; bin < DoseBins.BIN_COUNT; bin++) {
            assertThat(DoseBins.DEFAULT_FLUID.binOf(DoseBins.DEFAULT_FLUID.representativeDose(bin))).isEqualTo(bin);
        }
    }

    @Test
    void edgesAndLabels() {
        DoseBins vaso = DoseBins.DEFAULT_VASOPRESSOR;
        assertThat(vaso.lowerEdge(0)).isZero();
        assertThat(vaso.upperEdge(0)).isZero();
        assertThat(vaso.upperEdge(1)).isEqualTo(0.08);
        assertThat(vaso.lowerEdge(3)).isEqualTo(0.225);
        assertThat(vaso.upperEdge(4)).isInfinite();
        assertThat(vaso.label(0)).isEqualTo("none");
        assertThat(vaso.label(1)).isEqualTo("(0, 0.08) mcg/kg/min");
        assertThat(vaso.label(2)).isEqualTo("[0.08, 0.225) mcg/kg/min");
        assertThat(DoseBins.DEFAULT_FLUID.label(4)).isEqualTo("≥ 530 mL/4h");
        assertThat(vaso.cutPoints()).containsExactly(0.08, 0.225, 0.45);
    }

    @Test
    void recomputesQuartilesAndMediansFromASample() {
        // Non-zero doses 1..8: type-7 quartiles 2.75, 4.5, 6.25.
        double[] doses = {0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
        DoseBins bins = DoseBins.fromDoses("fluid", "mL/4h", doses);
        assertThat(bins.cutPoints()).containsExactly(2.75, 4.5, 6.25);
        // Bins: {1,2} {3,4} {5,6} {7,8} -> medians 1.5, 3.5, 5.5, 7.5.
        assertThat(bins.representativeDoses()).containsExactly(0, 1.5, 3.5, 5.5, 7.5);
        assertThat(bins.binOf(2.75)).isEqualTo(2);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> DoseBins.DEFAULT_FLUID.binOf(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mL/4h");
        assertThatThrownBy(() -> DoseBins.DEFAULT_FLUID.binOf(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DoseBins.fromDoses("vaso", "mcg/kg/min", new double[] {0, 0.1, 0.1, 0.1, 0.1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct quartiles");
        assertThatThrownBy(() -> DoseBins.of("vaso", "u", new double[] {0.2, 0.1, 0.3}, new double[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("increasing");
        assertThatThrownBy(() -> DoseBins.of("vaso", "u", new double[] {0.1, 0.2, 0.3},
                new double[] {0, 0.05, 0.15, 0.25, 0.2})).hasMessageContaining("not in bin 4");
        assertThatThrownBy(() -> DoseBins.DEFAULT_FLUID.label(5)).isInstanceOf(IllegalArgumentException.class);
    }
}
