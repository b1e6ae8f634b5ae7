/**
 * Off-policy estimators of a policy's expected discounted return from logged trajectories:
 * importance sampling (IS, WIS), per-decision (PDIS, WPDIS), doubly robust (DR, WDR) and fitted
 * Q evaluation, each reported with a patient-level bootstrap interval, the effective sample size,
 * the share of trajectories with non-zero weight and any weight clipping.
 */
package org.icugym.evaluation.ope;
