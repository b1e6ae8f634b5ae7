package org.icugym.evaluation.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.action.TreatmentDose;
import org.icugym.core.clinical.safety.SafetyEvaluator;
import org.icugym.core.clinical.safety.TreatmentContext;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.junit.jupiter.api.Test;

/** Five hand-made decision points with known rule violations and dosing differences. */
class SafetyMetricsTest {
    private static final double EXACT = 1e-12;

    private static Decision decision(double map, double lactate, int fluidBin, int vasoBin, TreatmentDose dose,
            TreatmentAction previous, int clinicianFluid, int clinicianVaso) {
        return new Decision(new TreatmentContext(map, lactate, Double.NaN, Double.NaN,
                new TreatmentAction(fluidBin, vasoBin), dose, previous), new TreatmentAction(clinicianFluid, clinicianVaso));
    }

    private final List<Decision> decisions = List.of(
            // hypoperfused (lactate 3) and untreated: G1; clinician gave more of both drugs
            decision(60, 3, 0, 0, TreatmentDose.NONE, null, 2, 1),
            // MAP 80 and the vasopressor bin rises from 1 to 2: G2; more vasopressor than the clinician
            decision(80, 1, 1, 2, new TreatmentDose(30, 0.1), new TreatmentAction(1, 1), 1, 0),
            // agrees with the clinician, nothing violated
            decision(70, 1.5, 3, 0, new TreatmentDose(300, 0), null, 3, 0),
            // MAP 50 untreated: G1, hazard A (no vasopressor, fluid <= 20 mL/h) and hazard C (no fluid, CVP unknown)
            decision(50, 4, 0, 0, TreatmentDose.NONE, null, 0, 0),
            // 0.8 mcg/kg/min while MAP 100: hazard B
            decision(100, 1, 0, 4, new TreatmentDose(0, 0.8), null, 0, 4));

    @Test
    void ratesOfEveryRule() {
        SafetyMetrics m = SafetyMetrics.of(decisions, SafetyEvaluator.DEFAULT);
        assertThat(m.decisions()).isEqualTo(5);
        assertThat(m.violationRates()).containsExactly(
                java.util.Map.entry("g1_hypoperfusion", 0.4), java.util.Map.entry("g2_vasopressor_weaning", 0.2),
                java.util.Map.entry("hazard_a", 0.2), java.util.Map.entry("hazard_b", 0.2),
                java.util.Map.entry("hazard_c", 0.2), java.util.Map.entry("hazard_d", 0.0));
        assertThat(m.g1Adherence()).isCloseTo(0.6, within(EXACT));
        assertThat(m.g2Adherence()).isCloseTo(0.8, within(EXACT));
        assertThat(m.meanCost()).isCloseTo(6.0 / 5, within(EXACT)); // 1 + 1 + 0 + 3 + 1
    }

    @Test
    void dosingAgainstTheClinicians() {
        SafetyMetrics m = SafetyMetrics.of(decisions, SafetyEvaluator.DEFAULT);
        assertThat(m.fluidUnderDosing()).isCloseTo(0.2, within(EXACT));
        assertThat(m.fluidOverDosing()).isZero();
        assertThat(m.vasopressorUnderDosing()).isCloseTo(0.2, within(EXACT));
        assertThat(m.vasopressorOverDosing()).isCloseTo(0.2, within(EXACT));
        assertThat(m.eitherUnderDosing()).isCloseTo(0.2, within(EXACT)); // decision 1 under-doses both: counted once
        assertThat(m.eitherOverDosing()).isCloseTo(0.2, within(EXACT));
    }

    @Test
    void heatmapsCountActionsOnTheDoseGrid() {
        SafetyMetrics m = SafetyMetrics.of(decisions, SafetyEvaluator.DEFAULT);
        long[][] expectedRecommended = new long[5][5];
        expectedRecommended[0][0] = 2;
        expectedRecommended[1][2] = 1;
        expectedRecommended[3][0] = 1;
        expectedRecommended[0][4] = 1;
        assertThat(m.recommendedHeatmap()).isDeepEqualTo(expectedRecommended);
        assertThat(m.clinicianHeatmap()[2][1]).isEqualTo(1);
        assertThat(m.clinicianHeatmap()[0][0]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(m.clinicianHeatmap()).flatMapToLong(java.util.Arrays::stream).sum())
                .isEqualTo(5);
    }

    @Test
    void needsDecisions() {
        assertThatThrownBy(() -> SafetyMetrics.of(List.of(), SafetyEvaluator.DEFAULT))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("at least one decision");
    }
}
