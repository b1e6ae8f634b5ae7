package org.icugym.core.clinical.safety;

import java.util.Objects;
import java.util.Optional;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.action.TreatmentDose;

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

    /** The previous step's action, empty at the first step of a stay. */
    public Optional<TreatmentAction> previous() {
        return Optional.ofNullable(previousAction);
    }
}
