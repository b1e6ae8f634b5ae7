/**
 * Fidelity of a trained world model on a cohort's held-out test split: one-step errors and
 * calibration, multi-step rollouts, event heads, and counterfactual agreement with the reference
 * simulator ({@link org.icugym.worldmodel.report.FidelityReporter}).
 */
package org.icugym.worldmodel.report;
