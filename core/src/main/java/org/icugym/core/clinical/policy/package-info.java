/**
 * Treatment policies for the reference physiology simulator: the clinician behaviour policy that
 * generates the synthetic cohort (guideline-like, noisy, with per-stay practice variation), simple
 * baselines (no treatment, uniformly random, a deterministic-ish guideline policy) and
 * {@link org.icugym.core.clinical.policy.PolicyValue}, which estimates a policy's true value by
 * simulation with a 95 % confidence interval.
 *
 * <p>Every policy reports the probability of each of the 25 actions it may take, which
 * off-policy evaluation needs as the behaviour policy's propensities.
 */
package org.icugym.core.clinical.policy;
