package org.icugym.evaluation.safety;

import java.util.Objects;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.safety.TreatmentContext;

/**
 * One logged decision point: the patient state with the evaluated policy's recommendation (its
 * action, dose and the previous action the policy would have given), and the clinician's action.
 *
 * @param recommended the state and the policy's recommended treatment, as the safety rules judge it
 * @param clinician the action the clinician took at this step
 */
public record Decision(TreatmentContext recommended, TreatmentAction clinician) {
    /** Requires both parts. */
    public Decision {
        Objects.requireNonNull(recommended, "recommended");
        Objects.requireNonNull(clinician, "clinician");
    }
}
