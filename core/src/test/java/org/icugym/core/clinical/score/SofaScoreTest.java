package org.icugym.core.clinical.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SofaScoreTest {

    private static final double NaN = Double.NaN;

    @ParameterizedTest(name = "P/F {0}, ventilated {1} -> {2}")
    @CsvSource({
        "400, true, 0", "399.9, false, 1", "300, false, 1", "299.9, false, 2", "200, true, 2",
        "199.9, true, 3", "199.9, false, 2", "100, true, 3", "99.9, true, 4", "50, false, 2", "NaN, true, 0"})
    void respirationCutPoints(double pf, boolean ventilated, int points) {
        assertThat(SofaScore.respiration(pf, ventilated)).isEqualTo(points);
    }

    @ParameterizedTest(name = "platelets {0} -> {1}")
    @CsvSource({"150, 0", "149.9, 1", "100, 1", "99.9, 2", "50, 2", "49.9, 3", "20, 3", "19.9, 4", "NaN, 0"})
    void coagulationCutPoints(double platelets, int points) {
        assertThat(SofaScore.coagulation(platelets)).isEqualTo(points);
    }

    @ParameterizedTest(name = "bilirubin {0} -> {1}")
    @CsvSource({"1.19, 0", "1.2, 1", "1.99, 1", "2.0, 2", "5.99, 2", "6.0, 3", "11.99, 3", "12.0, 4", "NaN, 0"})
    void liverCutPoints(double bilirubin, int points) {
        assertThat(SofaScore.liver(bilirubin)).isEqualTo(points);
    }

    @ParameterizedTest(name = "MAP {0}, vaso {1} -> {2}")
    @CsvSource({"70, 0, 0", "69.9, 0, 1", "NaN, 0, 0", "80, 0.01, 3", "80, 0.1, 3", "80, 0.1001, 4",
        "50, 0.5, 4", "69.9, NaN, 1"})
    void cardiovascularCutPoints(double map, double vaso, int points) {
        assertThat(SofaScore.cardiovascular(map, vaso)).isEqualTo(points);
    }

    @ParameterizedTest(name = "GCS {0} -> {1}")
    @CsvSource({"15, 0", "14, 1", "13, 1", "12, 2", "10, 2", "9, 3", "6, 3", "5, 4", "3, 4", "NaN, 0"})
    void cnsCutPoints(double gcs, int points) {
        assertThat(SofaScore.cns(gcs)).isEqualTo(points);
    }

    @ParameterizedTest(name = "creatinine {0}, urine {1} mL/day -> {2}")
    @CsvSource({
        "1.19, NaN, 0", "1.2, NaN, 1", "1.99, NaN, 1", "2.0, NaN, 2", "3.49, NaN, 2", "3.5, NaN, 3",
        "4.99, NaN, 3", "5.0, NaN, 4", "1.0, 500, 0", "1.0, 499, 3", "1.0, 200, 3", "1.0, 199, 4",
        "2.5, 300, 3", "5.5, 1000, 4", "NaN, NaN, 0"})
    void renalCutPoints(double creatinine, double urinePerDay, int points) {
        assertThat(SofaScore.renal(creatinine, urinePerDay)).isEqualTo(points);
    }

    @Test
    void computesAllComponentsFromAnObservation() {
        ClinicalObservation obs = ClinicalObservation.empty()
                .with(SepsisSchema.PAO2, 90).with(SepsisSchema.FIO2, 60)      // P/F 150
                .with(SepsisSchema.PLATELET, 80)                                // 2
                .with(SepsisSchema.BILIRUBIN_TOTAL, 2.4)                        // 2
                .with(SepsisSchema.MEANBP, 62)                                  // vaso 0.05 -> 3
                .with(SepsisSchema.GCS_EYE, 3).with(SepsisSchema.GCS_VERBAL, 4)
                .with(SepsisSchema.GCS_MOTOR, 6)                                // GCS 13 -> 1
                .with(SepsisSchema.CREATININE, 1.5)
                .with(SepsisSchema.OUTPUT_4HOURLY, 60);                         // 360 mL/day -> 3
        SofaScore sofa = SofaScore.compute(SofaInputs.from(obs, 0.05, true));
        assertThat(sofa.respiration()).isEqualTo(3);
        assertThat(sofa.coagulation()).isEqualTo(2);
        assertThat(sofa.liver()).isEqualTo(2);
        assertThat(sofa.cardiovascular()).isEqualTo(3);
        assertThat(sofa.cns()).isEqualTo(1);
        assertThat(sofa.renal()).isEqualTo(3);
        assertThat(sofa.total()).isEqualTo(14);
        assertThat(sofa.missing()).isEmpty();
        assertThat(sofa.points(SofaComponent.RENAL)).isEqualTo(3);
    }

    @Test
    void urineOutputBoundariesOnTheFourHourScale() {
        assertThat(renalFromUrine(83.4)).isZero();     // 500.4 mL/day
        assertThat(renalFromUrine(83.3)).isEqualTo(3);  // 499.8 mL/day
        assertThat(renalFromUrine(33.4)).isEqualTo(3);  // 200.4 mL/day
        assertThat(renalFromUrine(33.3)).isEqualTo(4);  // 199.8 mL/day
    }

    private static int renalFromUrine(double mlPer4h) {
        return SofaScore.compute(new SofaInputs(NaN, NaN, false, NaN, NaN, NaN, 0, NaN, NaN, mlPer4h)).renal();
    }

    @Test
    void missingInputsScoreZeroAndAreReported() {
        SofaScore sofa = SofaScore.compute(SofaInputs.from(ClinicalObservation.empty(), 0, false));
        assertThat(sofa.total()).isZero();
        assertThat(sofa.missing()).containsExactlyInAnyOrder(SofaComponent.values());

        SofaScore onVaso = SofaScore.compute(SofaInputs.from(ClinicalObservation.empty(), 0.3, false));
        assertThat(onVaso.cardiovascular()).isEqualTo(4);
        assertThat(onVaso.missing()).doesNotContain(SofaComponent.CARDIOVASCULAR);

        ClinicalObservation partialGcs = ClinicalObservation.empty().with(SepsisSchema.GCS_EYE, 1);
        assertThat(SofaScore.compute(SofaInputs.from(partialGcs, 0, false)).missing()).contains(SofaComponent.CNS);
    }
}
