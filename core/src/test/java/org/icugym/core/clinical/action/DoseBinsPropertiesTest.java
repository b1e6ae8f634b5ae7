package org.icugym.core.clinical.action;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class DoseBinsPropertiesTest {

    @Property(tries = 300)
    void binIsMonotoneInDose(@ForAll @DoubleRange(min = 0, max = 3) double dose,
            @ForAll @DoubleRange(min = 0, max = 1) double more) {
        DoseBins vaso = DoseBins.DEFAULT_VASOPRESSOR;
        assertThat(vaso.binOf(dose + more)).isGreaterThanOrEqualTo(vaso.binOf(dose));
        int bin = vaso.binOf(dose);
        assertThat(dose).isGreaterThanOrEqualTo(vaso.lowerEdge(bin));
        assertThat(bin == 0 || dose < vaso.upperEdge(bin)).isTrue();
    }

    @Property(tries = 50)
    void recomputedBinsContainTheirRepresentativeDoses(@ForAll @IntRange(min = 8, max = 200) int n,
            @ForAll @DoubleRange(min = 0.01, max = 10) double scale) {
        double[] doses = new double[n];
        for (int i = 0; i < n; i++) {
            doses[i] = i % 5 == 0 ? 0 : scale * Math.exp(i % 17 / 4.0);
        }
        DoseBins bins = DoseBins.fromDoses("fluid", "mL/4h", doses);
        for (int bin = 0; bin < DoseBins.BIN_COUNT; bin++) {
            assertThat(bins.binOf(bins.representativeDose(bin))).isEqualTo(bin);
        }
    }
}
