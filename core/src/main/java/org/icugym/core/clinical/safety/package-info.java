/**
 * Guideline and safety rules evaluated at every sepsis step: guideline adherence G1
 * (hypoperfusion left untreated) and G2 (vasopressor raised although MAP is at target), and the
 * hazards A–D of Festor et al. 2022 (BMJ Health Care Inform 29:e100549), combined by {@link
 * org.icugym.core.clinical.safety.SafetyEvaluator} into named flags and a cost for constrained RL.
 *
 * <p>Every rule is a small pure record with its thresholds as components and a {@code DEFAULT}
 * instance. A rule whose input is unknown (NaN) is not flagged: the rules report what is known
 * to be unsafe, never a guess.
 */
package org.icugym.core.clinical.safety;
