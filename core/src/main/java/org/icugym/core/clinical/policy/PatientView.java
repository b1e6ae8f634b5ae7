package org.icugym.core.clinical.policy;

import java.util.Objects;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.physiology.PhysiologyStep;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.clinical.score.DerivedFeatures;

/**
 * What a treatment policy sees at a decision: the charted (carried-forward) features, derived
 * scores, the cumulative fluid balance and the previous action. Never the latent state.
 *
 * @param step decisions taken so far in the stay (0 at admission)
 * @param observation each feature's latest recorded value (schema units; NaN if never measured)
 * @param derived SOFA, SIRS and the other derived features of {@code observation}
 * @param cumulativeBalanceMl charted fluid balance since admission, input − output (mL)
 * @param previousAction the action of the previous step; {@link TreatmentAction#NONE} at admission
 */
public record PatientView(int step, ClinicalObservation observation, DerivedFeatures derived,
        double cumulativeBalanceMl, TreatmentAction previousAction) {

    /** Requires the observation, derived features and previous action. */
    public PatientView {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(derived, "derived");
        Objects.requireNonNull(previousAction, "previousAction");
    }

    /**
     * The view of a simulator step: its carried-forward features and the charted fluid balance.
     *
     * @param step the simulator's latest step
     * @param previousAction the action given in the step before ({@link TreatmentAction#NONE} at admission)
     */
    public static PatientView of(PhysiologyStep step, TreatmentAction previousAction) {
        return new PatientView(step.step(), step.carriedForward(), step.derived(),
                step.latent().cumulativeBalanceMl(), previousAction);
    }

    /** Mean arterial pressure (mmHg), 75 if never measured. */
    public double meanBp() {
        double map = observation.get(SepsisSchema.MEANBP);
        return Double.isNaN(map) ? 75 : map;
    }

    /** Arterial lactate (mmol/L), 1.5 if never measured. */
    public double lactate() {
        double lactate = observation.get(SepsisSchema.LACTATE);
        return Double.isNaN(lactate) ? 1.5 : lactate;
    }
}
