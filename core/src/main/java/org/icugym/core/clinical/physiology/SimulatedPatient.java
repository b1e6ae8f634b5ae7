package org.icugym.core.clinical.physiology;

import org.icugym.core.clinical.action.TreatmentDose;
import org.icugym.core.clinical.reward.Outcome;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.score.DerivedFeatures;
import org.icugym.core.random.Rng;

/**
 * One simulated septic patient in the ICU, stepped every 4 h with a treatment dose.
 *
 * <p>Owns four random streams split from the admission seed: admission, process noise,
 * observation noise and outcome draws. Each step draws the same count from each stream whatever
 * the dose, so two patients admitted with the same seed differ only through the treatments
 * given (common random numbers). Not thread-safe.
 */
public final class SimulatedPatient {
    /** Probability per step that a stable patient is discharged. */
    static final double DISCHARGE_PROBABILITY = 0.2;

    private final PatientProfile profile;
    private final int maxSteps;
    private final Rng process;
    private final Rng observationNoise;
    private final Rng outcomes;
    private PhysiologyStep current;

    SimulatedPatient(long seed, int maxSteps) {
        Rng root = new Rng(seed);
        this.profile = PatientProfile.sample(root.split());
        Rng admission = root.split();
        this.process = root.split();
        this.observationNoise = root.split();
        this.outcomes = root.split();
        this.maxSteps = maxSteps;
        LatentState start = PhysiologyModel.admission(profile, gaussians(admission, PhysiologyModel.ADMISSION_NOISE));
        this.current = record(0, start, PatientStatus.IN_ICU, Outcome.CONTINUING);
    }

    private SimulatedPatient(SimulatedPatient origin, long seed) {
        Rng root = new Rng(seed);
        this.profile = origin.profile;
        this.maxSteps = origin.maxSteps;
        this.process = root.split();
        this.observationNoise = root.split();
        this.outcomes = root.split();
        this.current = origin.current;
    }

    /**
     * A copy of this patient at its current step whose future draws come from new random streams
     * split from {@code seed}: a what-if branch for forecasting. This patient, its state and its
     * random streams are left untouched.
     *
     * @param seed the seed of the branch's process, observation and outcome streams
     */
    public SimulatedPatient fork(long seed) {
        return new SimulatedPatient(this, seed);
    }

    /**
     * Advances the patient by one 4 h step under a treatment.
     *
     * @param dose IV fluid (mL/4h) and vasopressor (mcg/kg/min) given during the step
     * @return the new step; its status says whether the window goes on
     * @throws IllegalStateException if the window is already over
     */
    public PhysiologyStep step(TreatmentDose dose) {
        if (current.status().isFinished()) {
            throw new IllegalStateException("patient's window is over (" + current.status() + "); admit a new one");
        }
        LatentState next = PhysiologyModel.advance(current.latent(), profile, dose,
                gaussians(process, PhysiologyModel.PROCESS_NOISE));
        double uDeath = outcomes.nextDouble();
        double uDischarge = outcomes.nextDouble();
        double uLate = outcomes.nextDouble();
        int step = current.step() + 1;
        PatientStatus status = status(next, step, uDeath, uDischarge);
        Outcome outcome = switch (status) {
            case IN_ICU -> Outcome.CONTINUING;
            case DIED -> Outcome.DIED;
            case DISCHARGED, WINDOW_ENDED ->
                    uLate < PhysiologyModel.ninetyDayDeathProbability(next, profile) ? Outcome.DIED : Outcome.SURVIVED;
        };
        current = record(step, next, status, outcome);
        return current;
    }

    /** The latest step (the admission step before the first {@link #step}). */
    public PhysiologyStep current() {
        return current;
    }

    /** The patient's fixed characteristics, including hidden drivers (validation only). */
    public PatientProfile profile() {
        return profile;
    }

    /** The step limit of the window (steps of 4 h). */
    public int maxSteps() {
        return maxSteps;
    }

    /** Probability (0–1) of death within 90 days if the patient left the window now (validation only). */
    public double ninetyDayMortalityRisk() {
        return PhysiologyModel.ninetyDayDeathProbability(current.latent(), profile);
    }

    private PatientStatus status(LatentState next, int step, double uDeath, double uDischarge) {
        if (uDeath < PhysiologyModel.icuDeathProbability(next, profile)) {
            return PatientStatus.DIED;
        }
        if (PhysiologyModel.stableForDischarge(next) && uDischarge < DISCHARGE_PROBABILITY) {
            return PatientStatus.DISCHARGED;
        }
        return step >= maxSteps ? PatientStatus.WINDOW_ENDED : PatientStatus.IN_ICU;
    }

    private PhysiologyStep record(int step, LatentState latent, PatientStatus status, Outcome outcome) {
        ClinicalObservation obs = ObservationModel.observe(latent, profile, observationNoise, step == 0);
        ClinicalObservation held = current == null ? obs : carryForward(current.carriedForward(), obs);
        DerivedFeatures derived = DerivedFeatures.compute(held, latent.vasopressorDose(), latent.ventilated());
        return new PhysiologyStep(step, obs, held, derived, latent, status, outcome);
    }

    /** Sample-and-hold: each feature's latest measured value; NaN only if never measured. */
    private static ClinicalObservation carryForward(ClinicalObservation held, ClinicalObservation fresh) {
        double[] values = fresh.toArray();
        double[] previous = held.toArray();
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                values[i] = previous[i];
            }
        }
        return ClinicalObservation.of(values);
    }

    private static double[] gaussians(Rng rng, int n) {
        double[] z = new double[n];
        for (int k = 0; k < n; k++) {
            z[k] = rng.nextGaussian();
        }
        return z;
    }
}
