/**
 * Logged trajectories for off-policy evaluation: per step the state (a discrete index, a feature
 * vector or both), the action taken, the reward and optionally the behaviour policy's recorded
 * probability of that action; trajectories are grouped by patient for the patient-level bootstrap.
 */
package org.icugym.evaluation.data;
