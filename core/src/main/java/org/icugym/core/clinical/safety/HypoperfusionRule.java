package org.icugym.core.clinical.safety;

/**
 * Guideline G1, hypoperfusion: lactate above a threshold or MAP below target, and the action is
 * no treatment at all (fluid bin 0 and vasopressor bin 0).
 *
 * @param lactateThreshold lactate above which perfusion is inadequate (mmol/L); default 2
 * @param meanBpTarget MAP below which the patient is hypotensive (mmHg); default 65
 */
public record HypoperfusionRule(double lactateThreshold, double meanBpTarget) implements SafetyRule {

    /** Lactate &gt; 2 mmol/L or MAP &lt; 65 mmHg with action (0, 0). */
    public static final HypoperfusionRule DEFAULT = new HypoperfusionRule(2.0, 65.0);

    @Override
    public String name() {
        return "g1_hypoperfusion";
    }

    @Override
    public String description() {
        return "G1: lactate > " + lactateThreshold + " mmol/L or MAP < " + meanBpTarget
                + " mmHg and neither fluid nor vasopressor given";
    }

    @Override
    public boolean isViolated(TreatmentContext c) {
        boolean hypoperfused = c.lactate() > lactateThreshold || c.meanBp() < meanBpTarget;
        return hypoperfused && c.action().isNoTreatment();
    }
}
