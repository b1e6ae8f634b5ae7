package org.icugym.evaluation.behaviour;

import org.icugym.evaluation.data.Trajectory;

/** The behaviour policy's probability of the action logged at one step. Thread-safe. */
public interface BehaviourModel {
    /** b(a_t | s_t) for the action taken at {@code step} of {@code trajectory}; in (0, 1]. */
    double probability(Trajectory trajectory, int step);

    /** How the probabilities were obtained, for reports (e.g. {@code tabular counts, epsilon 0.01}). */
    String description();
}
