package org.icugym.core.clinical.action;

/**
 * The doses given during one 4 h step.
 *
 * @param fluidMlPer4h intravenous fluid volume over the step (mL/4h), ≥ 0
 * @param vasopressorMcgKgMin vasopressor rate, norepinephrine-equivalent (mcg/kg/min), ≥ 0
 */
public record TreatmentDose(double fluidMlPer4h, double vasopressorMcgKgMin) {

    /** No fluid and no vasopressor. */
    public static final TreatmentDose NONE = new TreatmentDose(0, 0);

    /** Rejects negative, infinite and NaN doses. */
    public TreatmentDose {
        requireDose(fluidMlPer4h, "fluid dose (mL/4h)");
        requireDose(vasopressorMcgKgMin, "vasopressor dose (mcg/kg/min)");
    }

    /** The fluid rate averaged over the step (mL/h). */
    public double fluidMlPerHour() {
        return fluidMlPer4h / 4.0;
    }

    static void requireDose(double dose, String what) {
        if (!(dose >= 0) || Double.isInfinite(dose)) {
            throw new IllegalArgumentException(what + " must be finite and ≥ 0, got " + dose);
        }
    }
}
