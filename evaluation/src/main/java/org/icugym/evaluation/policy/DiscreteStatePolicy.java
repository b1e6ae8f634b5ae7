package org.icugym.evaluation.policy;

import org.icugym.evaluation.data.Trajectory;

/** A policy defined on discrete state indices, so that model-based estimators can query any state. */
public interface DiscreteStatePolicy extends Policy {
    /** The probabilities of each action in discrete state {@code state}; sums to 1. */
    double[] probabilities(int state);

    @Override
    default double[] probabilities(Trajectory trajectory, int step) {
        return probabilities(trajectory.state(step));
    }
}
