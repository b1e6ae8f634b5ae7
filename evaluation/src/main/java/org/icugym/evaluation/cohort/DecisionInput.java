package org.icugym.evaluation.cohort;

import java.util.Objects;
import org.icugym.core.clinical.policy.PatientView;
import org.icugym.core.envs.physiology.PhysiologyObservation;

/**
 * What a target policy sees at one decision, in the two forms policies take: the clinician's view
 * of the patient and the same state as a {@code Sepsis-Physiology-v1} observation row (what an
 * agent trained on the environment server, e.g. one served by {@code icugym serve-policy}, acts on).
 * Cohort rows and simulator steps give both forms the same way.
 *
 * @param view the charted, carried-forward features, derived scores, fluid balance and previous action
 * @param observation the {@link PhysiologyObservation#DIM} float32 values of {@link PhysiologyObservation}
 */
public record DecisionInput(PatientView view, float[] observation) {
    /** Requires both forms. */
    public DecisionInput {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(observation, "observation");
        if (observation.length != PhysiologyObservation.DIM) {
            throw new IllegalArgumentException("observation has " + observation.length + " values, expected "
                    + PhysiologyObservation.DIM);
        }
    }

    /** The {@value CohortEvaluation#FEATURES} scaled features of {@link CohortEvaluation#features}. */
    public double[] features() {
        return CohortEvaluation.features(view);
    }
}
