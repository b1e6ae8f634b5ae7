package org.icugym.core.clinical.physiology;

import org.icugym.core.clinical.reward.Outcome;
import org.icugym.core.clinical.reward.RewardState;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.clinical.score.DerivedFeatures;

/**
 * What one 4 h step of the simulator produced: the recorded observation and its derived
 * features, the hidden state, and where the patient stands.
 *
 * @param step number of steps taken so far (0 at admission)
 * @param observation the features recorded in this step (noisy; NaN where not measured)
 * @param carriedForward sample-and-hold view: each feature's latest recorded value up to this
 *     step (NaN only if never measured), as AI Clinician-style pipelines impute
 * @param derived SOFA, SIRS and the other derived features, computed from {@code carriedForward}
 * @param latent the true hidden state (for validation only; never give it to a policy)
 * @param status whether the window goes on or how it ended
 * @param outcome {@link Outcome#CONTINUING} in the ICU, otherwise 90-day survival or death
 */
public record PhysiologyStep(int step, ClinicalObservation observation, ClinicalObservation carriedForward,
        DerivedFeatures derived, LatentState latent, PatientStatus status, Outcome outcome) {

    /**
     * The reward inputs of this step: SOFA (points) and lactate (mmol/L), both from the
     * carried-forward view; lactate is NaN only if never measured.
     */
    public RewardState rewardState() {
        return new RewardState(derived.sofa().total(), carriedForward.get(SepsisSchema.LACTATE));
    }
}
