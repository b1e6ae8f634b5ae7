/**
 * Evaluation of treatment policies on a cohort split: trajectories with continuous features,
 * off-policy estimates with bootstrap intervals, safety metrics against the clinicians and, for
 * simulator-generated cohorts, the true values by on-policy simulation.
 */
package org.icugym.evaluation.cohort;
