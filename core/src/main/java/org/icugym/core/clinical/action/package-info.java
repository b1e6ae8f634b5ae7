/**
 * The sepsis treatment action space: 5 IV-fluid bins × 5 vasopressor bins (Discrete(25), index
 * = 5 × fluid bin + vasopressor bin), their dose thresholds and representative doses.
 *
 * <p>Bin 0 is "none"; bins 1–4 are the quartiles of the non-zero doses of a cohort. The defaults
 * are the MIMIC-III quartiles of DESIGN.md §4; {@link
 * org.icugym.core.clinical.action.DoseBins#fromDoses} recomputes them from any dose sample.
 */
package org.icugym.core.clinical.action;
