package org.icugym.core.clinical.safety;

/** A guideline or safety rule that flags an unsafe treatment decision at one step. */
public interface SafetyRule {

    /** A stable snake_case name used as the flag key in step infos, e.g. {@code "g1_hypoperfusion"}. */
    String name();

    /** What the rule flags, with thresholds and units. */
    String description();

    /** Whether the decision in {@code context} violates the rule; false when an input is unknown. */
    boolean isViolated(TreatmentContext context);
}
