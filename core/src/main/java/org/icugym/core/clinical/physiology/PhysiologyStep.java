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
 * @param observation the recorded features (noisy; NaN where not measured)
 * @param derived SOFA, SIRS and the other derived features computed from the observation
 * @param latent the true hidden state (for validation only; never give it to a policy)
 * @param status whether the window goes on or how it ended
 * @param outcome {@link Outcome#CONTINUING} in the ICU, otherwise 90-day survival or death
 */
public record PhysiologyStep(int step, ClinicalObservation observation, DerivedFeatures derived, LatentState latent,
        PatientStatus status, Outcome outcome) {

    /** The reward inputs of this step: observed SOFA (points) and lactate (mmol/L, NaN if not drawn). */
    public RewardState rewardState() {
        return new RewardState(derived.sofa().total(), observation.get(SepsisSchema.LACTATE));
    }
}
