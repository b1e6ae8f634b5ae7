package org.icugym.evaluation.policy;

import org.icugym.evaluation.data.Trajectory;

/**
 * A stochastic policy over a discrete action space as seen by an off-policy estimator: the
 * probabilities of every action in the state of a logged step. Implementations must be thread-safe
 * (estimators call them from several threads) and return a fresh or unmodifiable array.
 */
public interface Policy {
    /** Number of actions. */
    int numActions();

    /** The probabilities of each action in the state of {@code trajectory} at {@code step}; sums to 1. */
    double[] probabilities(Trajectory trajectory, int step);

    /** A short name for reports, such as {@code random} or {@code optimal (softened 0.01)}. */
    String name();
}
