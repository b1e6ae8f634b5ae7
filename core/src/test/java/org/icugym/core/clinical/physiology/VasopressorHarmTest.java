package org.icugym.core.clinical.physiology;

import static org.assertj.core.api.Assertions.assertThat;

import org.icugym.core.clinical.action.TreatmentDose;
import org.junit.jupiter.api.Test;

/** Needless vasopressor load harms: hypertension on a vasopressor raises ICU mortality (matched seeds). */
class VasopressorHarmTest {

    @Test
    void hypertensionTermAppliesOnlyWhileAVasopressorRuns() {
        LatentState onPressor = state(115, 0.3);
        assertThat(PhysiologyModel.vasopressorHypertension(onPressor)).isEqualTo(1.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(PhysiologyModel.vasopressorHypertension(state(115, 0))).isZero();
        assertThat(PhysiologyModel.vasopressorHypertension(state(90, 0.3))).isZero();
    }

    @Test
    void pressorsGivenToNormotensivePatientsRaiseIcuDeaths() {
        int deathsWithout = 0;
        int deathsWith = 0;
        int patients = 0;
        for (long seed = 0; seed < 4000; seed++) {
            if (PhysiologySimulator.DEFAULT.admit(seed).current().latent().meanBp() < 70) {
                continue;
            }
            patients++;
            deathsWithout += run(seed, TreatmentDose.NONE) ? 1 : 0;
            deathsWith += run(seed, new TreatmentDose(0, 0.3)) ? 1 : 0;
        }
        assertThat(patients).isGreaterThan(500);
        assertThat(deathsWith).isGreaterThan(2 * deathsWithout + 10);
    }

    private static boolean run(long seed, TreatmentDose dose) {
        SimulatedPatient patient = PhysiologySimulator.DEFAULT.admit(seed);
        PhysiologyStep step = patient.current();
        while (!step.status().isFinished()) {
            step = patient.step(dose);
        }
        return step.status() == PatientStatus.DIED;
    }

    private static LatentState state(double map, double vaso) {
        return new LatentState(0.5, 0.9, 1, 1, 0, 0, 1, 1.2, map, 200, 1500, 0, vaso, false);
    }
}
