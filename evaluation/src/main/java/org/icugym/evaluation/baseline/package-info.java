/**
 * Baseline treatment policies learned from a cohort: the AI Clinician (k-means states and policy
 * iteration on the empirical MDP, Komorowski et al. 2018).
 */
package org.icugym.evaluation.baseline;
