package org.icugym.core.clinical.safety;

import java.util.Objects;
import java.util.Optional;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.action.TreatmentDose;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.SepsisSchema;

/**
 * The patient state and treatment decision at one 4 h step that the safety rules judge.
 *
 * @param meanBp mean arterial pressure at decision time (mmHg); NaN if unknown
 * @param lactate arterial lactate at decision time (mmol/L); NaN if unknown
 * @param centralVenousPressure central venous pressure (mmHg); NaN if not measured
 * @param cumulativeBalanceMl cumulative fluid balance since admission, input − output (mL); NaN if unknown
 * @param action the chosen action (fluid and vasopressor bins)
 * @param dose the doses given for the action (mL/4h and mcg/kg/min)
 * @param previousAction the action of the previous step; null at the first step
 */
public record TreatmentContext(double meanBp, double lactate, double centralVenousPressure,
        double cumulativeBalanceMl, TreatmentAction action, TreatmentDose dose, TreatmentAction previousAction) {

    /** Requires the action and dose. */
    public TreatmentContext {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(dose, "dose");
    }

    /**
     * The context of a step read from an observation: MAP and lactate from the (carried-forward)
     * observation, CVP unknown (not in the schema).
     *
     * @param observation the step's observation at decision time; MAP in mmHg, lactate in mmol/L
     * @param cumulativeBalanceMl cumulative fluid balance, input − output (mL); NaN if unknown
     * @param action the chosen action
     * @param dose the doses given for the action (mL/4h and mcg/kg/min)
     * @param previousAction the previous step's action, or null at the first step
     * @return the context
     */
    public static TreatmentContext of(ClinicalObservation observation, double cumulativeBalanceMl,
            TreatmentAction action, TreatmentDose dose, TreatmentAction previousAction) {
        return new TreatmentContext(observation.get(SepsisSchema.MEANBP), observation.get(SepsisSchema.LACTATE),
                Double.NaN, cumulativeBalanceMl, action, dose, previousAction);
    }

    /** The previous step's action, empty at the first step of a stay. */
    public Optional<TreatmentAction> previous() {
        return Optional.ofNullable(previousAction);
    }
}
