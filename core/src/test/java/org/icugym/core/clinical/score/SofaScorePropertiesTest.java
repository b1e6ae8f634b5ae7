package org.icugym.core.clinical.score;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class SofaScorePropertiesTest {

    @Property(tries = 300)
    void totalIsTheSumOfComponentsInRange(
            @ForAll @DoubleRange(min = 10, max = 700) double pao2,
            @ForAll @DoubleRange(min = 21, max = 100) double fio2,
            @ForAll boolean ventilated,
            @ForAll @DoubleRange(min = 1, max = 900) double platelets,
            @ForAll @DoubleRange(min = 0, max = 40) double bilirubin,
            @ForAll @DoubleRange(min = 20, max = 160) double map,
            @ForAll @DoubleRange(min = 0, max = 2) double vaso,
            @ForAll @DoubleRange(min = 3, max = 15) double gcs,
            @ForAll @DoubleRange(min = 0.1, max = 15) double creatinine,
            @ForAll @DoubleRange(min = 0, max = 2000) double urine) {
        SofaScore sofa = SofaScore.compute(new SofaInputs(pao2, fio2, ventilated, platelets, bilirubin, map, vaso,
                Math.rint(gcs), creatinine, urine));
        int sum = 0;
        for (SofaComponent component : SofaComponent.values()) {
            assertThat(sofa.points(component)).isBetween(0, 4);
            sum += sofa.points(component);
        }
        assertThat(sofa.total()).isEqualTo(sum).isBetween(0, 24);
        assertThat(sofa.missing()).isEmpty();
    }

    @Property(tries = 200)
    void worseValuesNeverScoreLower(
            @ForAll @DoubleRange(min = 1, max = 500) double platelets,
            @ForAll @DoubleRange(min = 0, max = 100) double drop,
            @ForAll @DoubleRange(min = 0, max = 20) double bilirubin,
            @ForAll @DoubleRange(min = 0, max = 5) double rise) {
        assertThat(SofaScore.coagulation(Math.max(0, platelets - drop)))
                .isGreaterThanOrEqualTo(SofaScore.coagulation(platelets));
        assertThat(SofaScore.liver(bilirubin + rise)).isGreaterThanOrEqualTo(SofaScore.liver(bilirubin));
        assertThat(SofaScore.renal(bilirubin + rise, Double.NaN))
                .isGreaterThanOrEqualTo(SofaScore.renal(bilirubin, Double.NaN));
    }
}
