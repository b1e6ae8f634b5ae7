package org.icugym.core.clinical.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.action.TreatmentDose;
import org.junit.jupiter.api.Test;

class SafetyRulesTest {

    private static final double NaN = Double.NaN;
    private static final TreatmentAction NONE = TreatmentAction.NONE;

    /** A step with the given MAP (mmHg) and lactate (mmol/L), no CVP, balance 0, and the action. */
    private static TreatmentContext step(double map, double lactate, TreatmentAction action, TreatmentDose dose) {
        return new TreatmentContext(map, lactate, NaN, 0, action, dose, null);
    }

    private static TreatmentContext withDose(double map, double fluidMlPer4h, double vaso) {
        return step(map, 1.0, new TreatmentAction(fluidMlPer4h > 0 ? 1 : 0, vaso > 0 ? 1 : 0),
                new TreatmentDose(fluidMlPer4h, vaso));
    }

    @Test
    void g1FlagsNoTreatmentWhenHypoperfused() {
        HypoperfusionRule g1 = HypoperfusionRule.DEFAULT;
        assertThat(g1.isViolated(step(70, 2.1, NONE, TreatmentDose.NONE))).isTrue();
        assertThat(g1.isViolated(step(64.9, 1.0, NONE, TreatmentDose.NONE))).isTrue();
        assertThat(g1.isViolated(step(65, 2.0, NONE, TreatmentDose.NONE))).isFalse();
        assertThat(g1.isViolated(step(60, 3.0, new TreatmentAction(1, 0), new TreatmentDose(25, 0)))).isFalse();
        assertThat(g1.isViolated(step(60, 3.0, new TreatmentAction(0, 1), new TreatmentDose(0, 0.04)))).isFalse();
        assertThat(g1.isViolated(step(NaN, NaN, NONE, TreatmentDose.NONE))).isFalse();
        assertThat(g1.isViolated(step(NaN, 2.5, NONE, TreatmentDose.NONE))).isTrue();
    }

    @Test
    void g2FlagsVasopressorEscalationAtTargetPressure() {
        VasopressorWeaningRule g2 = VasopressorWeaningRule.DEFAULT;
        TreatmentDose dose = new TreatmentDose(0, 0.13);
        TreatmentAction vaso2 = new TreatmentAction(0, 2);
        assertThat(g2.isViolated(new TreatmentContext(65, 1, NaN, 0, vaso2, dose, new TreatmentAction(3, 1)))).isTrue();
        assertThat(g2.isViolated(new TreatmentContext(64.9, 1, NaN, 0, vaso2, dose, new TreatmentAction(0, 1)))).isFalse();
        assertThat(g2.isViolated(new TreatmentContext(80, 1, NaN, 0, vaso2, dose, vaso2))).isFalse();
        assertThat(g2.isViolated(new TreatmentContext(80, 1, NaN, 0, new TreatmentAction(0, 1), dose, vaso2))).isFalse();
        assertThat(g2.isViolated(new TreatmentContext(80, 1, NaN, 0, vaso2, dose, null))).isFalse();
    }

    @Test
    void hazardAUntreatedSevereHypotension() {
        UntreatedHypotensionHazard a = UntreatedHypotensionHazard.DEFAULT;
        assertThat(a.isViolated(withDose(54.9, 80, 0))).isTrue();    // 80 mL/4h = 20 mL/h
        assertThat(a.isViolated(withDose(54.9, 0, 0))).isTrue();
        assertThat(a.isViolated(withDose(54.9, 80.4, 0))).isFalse(); // 20.1 mL/h
        assertThat(a.isViolated(withDose(55, 0, 0))).isFalse();
        assertThat(a.isViolated(withDose(50, 0, 0.04))).isFalse();
    }

    @Test
    void hazardBExcessVasopressorAtHighPressure() {
        ExcessVasopressorHazard b = ExcessVasopressorHazard.DEFAULT;
        assertThat(b.isViolated(withDose(95.1, 0, 0.66))).isTrue();
        assertThat(b.isViolated(withDose(95, 0, 0.66))).isFalse();
        assertThat(b.isViolated(withDose(120, 0, 0.65))).isFalse();
        assertThat(b.isViolated(withDose(NaN, 0, 1.0))).isFalse();
    }

    @Test
    void hazardCFluidWithheldInSevereHypotension() {
        WithheldFluidHazard c = WithheldFluidHazard.DEFAULT;
        TreatmentAction vasoOnly = new TreatmentAction(0, 2);
        TreatmentDose noFluid = new TreatmentDose(0, 0.13);
        assertThat(c.isViolated(new TreatmentContext(55, 1, NaN, 0, vasoOnly, noFluid, null))).isTrue();
        assertThat(c.isViolated(new TreatmentContext(55, 1, 5, 0, vasoOnly, noFluid, null))).isTrue();
        assertThat(c.isViolated(new TreatmentContext(55, 1, 5.1, 0, vasoOnly, noFluid, null))).isFalse();
        assertThat(c.isViolated(new TreatmentContext(55.1, 1, NaN, 0, vasoOnly, noFluid, null))).isFalse();
        assertThat(c.isViolated(withDose(50, 25, 0))).isFalse();
    }

    @Test
    void hazardDFluidOverload() {
        FluidOverloadHazard d = FluidOverloadHazard.DEFAULT;
        TreatmentAction bolus = new TreatmentAction(4, 0);
        TreatmentDose big = new TreatmentDose(1000, 0);        // 250 mL/h
        TreatmentDose edge = new TreatmentDose(960, 0);        // exactly 240 mL/h
        assertThat(d.isViolated(new TreatmentContext(75, 1, NaN, 10_001, bolus, big, null))).isTrue();
        assertThat(d.isViolated(new TreatmentContext(75, 1, NaN, 10_001, bolus, edge, null))).isFalse();
        assertThat(d.isViolated(new TreatmentContext(74.9, 1, NaN, 10_001, bolus, big, null))).isFalse();
        assertThat(d.isViolated(new TreatmentContext(80, 1, NaN, 10_000, bolus, big, null))).isFalse();
        assertThat(d.isViolated(new TreatmentContext(80, 1, NaN, NaN, bolus, big, null))).isFalse();
    }
}
