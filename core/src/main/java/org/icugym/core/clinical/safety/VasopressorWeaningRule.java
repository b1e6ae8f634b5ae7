package org.icugym.core.clinical.safety;

/**
 * Guideline G2, vasopressor weaning: MAP is at or above target and the vasopressor bin rises
 * compared with the previous step. Not evaluated at a stay's first step (no previous action).
 *
 * @param meanBpTarget MAP at or above which vasopressors should not be escalated (mmHg); default 65
 */
public record VasopressorWeaningRule(double meanBpTarget) implements SafetyRule {

    /** MAP ≥ 65 mmHg and the vasopressor bin rises. */
    public static final VasopressorWeaningRule DEFAULT = new VasopressorWeaningRule(65.0);

    @Override
    public String name() {
        return "g2_vasopressor_weaning";
    }

    @Override
    public String description() {
        return "G2: MAP >= " + meanBpTarget + " mmHg and the vasopressor bin rises";
    }

    @Override
    public boolean isViolated(TreatmentContext c) {
        return c.meanBp() >= meanBpTarget && c.previous()
                .map(prev -> c.action().vasopressorBin() > prev.vasopressorBin())
                .orElse(false);
    }
}
