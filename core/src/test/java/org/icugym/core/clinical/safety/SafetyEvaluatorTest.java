package org.icugym.core.clinical.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.action.TreatmentDose;
import org.icugym.core.env.InfoKey;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.junit.jupiter.api.Test;

class SafetyEvaluatorTest {

    /** Shock left untreated: MAP 50 mmHg, lactate 4 mmol/L, no treatment -> G1, A and C. */
    private static final TreatmentContext UNTREATED_SHOCK = new TreatmentContext(
            50, 4, Double.NaN, 2_000, TreatmentAction.NONE, TreatmentDose.NONE, TreatmentAction.NONE);

    @Test
    void defaultCountsViolatedRulesInOrder() {
        SafetyReport report = SafetyEvaluator.DEFAULT.evaluate(UNTREATED_SHOCK);
        assertThat(report.flags().keySet()).containsExactly(
                "g1_hypoperfusion", "g2_vasopressor_weaning", "hazard_a", "hazard_b", "hazard_c", "hazard_d");
        assertThat(report.violated()).containsExactly("g1_hypoperfusion", "hazard_a", "hazard_c");
        assertThat(report.cost()).isEqualTo(3);
        assertThat(report.toArray()).containsExactly(1f, 0f, 1f, 0f, 1f, 0f);
        assertThat(report.isViolated("hazard_a")).isTrue();
        assertThat(report.isViolated("unknown")).isFalse();
        assertThat(report.anyViolated()).isTrue();
        assertThat(SafetyEvaluator.DEFAULT.maxCost()).isEqualTo(6);
        assertThat(SafetyEvaluator.DEFAULT.infoKeys()).extracting(InfoKey::name).containsExactly(
                "g1_hypoperfusion", "g2_vasopressor_weaning", "hazard_a", "hazard_b", "hazard_c", "hazard_d",
                "safety_cost");
    }

    @Test
    void severityWeightingHalvesGuidelines() {
        assertThat(SafetyEvaluator.SEVERITY_WEIGHTED.evaluate(UNTREATED_SHOCK).cost()).isEqualTo(2.5);
        assertThat(SafetyEvaluator.SEVERITY_WEIGHTED.maxCost()).isEqualTo(5);
    }

    @Test
    void safeStepHasNoCost() {
        TreatmentContext safe = new TreatmentContext(72, 1.2, Double.NaN, 1_500, new TreatmentAction(2, 0),
                new TreatmentDose(95, 0), new TreatmentAction(2, 0));
        SafetyReport report = SafetyEvaluator.DEFAULT.evaluate(safe);
        assertThat(report.anyViolated()).isFalse();
        assertThat(report.cost()).isZero();
    }

    @Test
    void contextFromAnObservation() {
        ClinicalObservation obs = ClinicalObservation.empty().with(SepsisSchema.MEANBP, 58)
                .with(SepsisSchema.LACTATE, 3.1);
        TreatmentContext context = TreatmentContext.of(obs, 12_000, TreatmentAction.NONE, TreatmentDose.NONE, null);
        assertThat(context.meanBp()).isEqualTo(58);
        assertThat(context.lactate()).isEqualTo(3.1);
        assertThat(context.centralVenousPressure()).isNaN();
        assertThat(context.previous()).isEmpty();
        assertThat(SafetyEvaluator.DEFAULT.evaluate(context).violated()).containsExactly("g1_hypoperfusion");
    }

    @Test
    void customEvaluators() {
        SafetyEvaluator onlyA = SafetyEvaluator.counting(List.of(UntreatedHypotensionHazard.DEFAULT));
        assertThat(onlyA.ruleNames()).containsExactly("hazard_a");
        assertThat(onlyA.evaluate(UNTREATED_SHOCK).cost()).isEqualTo(1);
        assertThatThrownBy(() -> SafetyEvaluator.counting(List.of(FluidOverloadHazard.DEFAULT, FluidOverloadHazard.DEFAULT)))
                .hasMessageContaining("duplicate");
        assertThatThrownBy(() -> new SafetyEvaluator.WeightedRule(FluidOverloadHazard.DEFAULT, -1))
                .hasMessageContaining("hazard_d");
        assertThat(HypoperfusionRule.DEFAULT.description()).contains("2.0 mmol/L", "65.0 mmHg");
    }
}
