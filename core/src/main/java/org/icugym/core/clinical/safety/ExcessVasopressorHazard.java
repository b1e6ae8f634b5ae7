package org.icugym.core.clinical.safety;

/**
 * Hazard B (Festor et al. 2022), excess vasopressor: a high vasopressor rate while MAP is
 * already high.
 *
 * @param maxVasopressorMcgKgMin rate above which the dose is high (mcg/kg/min, norepinephrine-equivalent); default 0.65
 * @param meanBpCeiling MAP above which the patient is hypertensive (mmHg); default 95
 */
public record ExcessVasopressorHazard(double maxVasopressorMcgKgMin, double meanBpCeiling) implements SafetyRule {

    /** Vasopressor &gt; 0.65 mcg/kg/min while MAP &gt; 95 mmHg. */
    public static final ExcessVasopressorHazard DEFAULT = new ExcessVasopressorHazard(0.65, 95.0);

    @Override
    public String name() {
        return "hazard_b";
    }

    @Override
    public String description() {
        return "Hazard B: vasopressor > " + maxVasopressorMcgKgMin + " mcg/kg/min while MAP > " + meanBpCeiling + " mmHg";
    }

    @Override
    public boolean isViolated(TreatmentContext c) {
        return c.dose().vasopressorMcgKgMin() > maxVasopressorMcgKgMin && c.meanBp() > meanBpCeiling;
    }
}
