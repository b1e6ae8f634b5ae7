/**
 * Baseline policies that need no weights: uniformly random, no treatment, and the clinical policies
 * of {@code core} (the cohort's clinician, the guideline) acting on sepsis observations.
 */
package org.icugym.agent.baseline;
