package org.icugym.core.clinical.physiology;

import java.util.List;
import org.icugym.core.clinical.action.TreatmentDose;

/**
 * The reference physiology simulator ({@code Sepsis-Physiology-v1}): admits seeded simulated
 * septic patients whose sepsis window lasts at most {@link #maxSteps()} steps of 4 h.
 *
 * <p>Deterministic: the same seed gives the same patient, and the same doses the same
 * trajectory. Stateless and thread-safe; each {@link SimulatedPatient} is not.
 *
 * @param maxSteps window length in 4 h steps (default 18, i.e. 72 h)
 */
public record PhysiologySimulator(int maxSteps) {

    /** The default simulator: windows of 18 steps (72 h). */
    public static final PhysiologySimulator DEFAULT = new PhysiologySimulator(18);

    /** Validates the window length. */
    public PhysiologySimulator {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }
    }

    /** Admits the patient determined by {@code seed}, at step 0 (before any ICU treatment). */
    public SimulatedPatient admit(long seed) {
        return new SimulatedPatient(seed, maxSteps);
    }

    /**
     * Admits the patient of {@code seed} and replays doses, e.g. to branch a counterfactual from
     * the middle of a trajectory.
     *
     * @param seed the patient's seed
     * @param doses the doses of the steps to replay (mL/4h, mcg/kg/min), at most until the window ends
     * @throws IllegalStateException if the window ends before all doses are replayed
     */
    public SimulatedPatient replay(long seed, List<TreatmentDose> doses) {
        SimulatedPatient patient = admit(seed);
        for (TreatmentDose dose : doses) {
            patient.step(dose);
        }
        return patient;
    }
}
