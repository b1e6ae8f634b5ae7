package org.icugym.agent.baseline;

import org.icugym.agent.PolicyOutput;
import org.icugym.core.random.Rng;

/**
 * The uniformly random policy: every action with probability {@code 1/numActions}; deterministic
 * rows choose action 0 (the first of the equally likely actions). Values are 0.
 */
public final class RandomPolicy extends BaselinePolicy {
    /** Kind name in weights files and model listings. */
    public static final String KIND = "random";

    /** A random policy over {@code numActions} actions taking rows of {@code observationSize}. */
    public RandomPolicy(int observationSize, int numActions) {
        super(KIND, observationSize, numActions);
    }

    @Override
    public PolicyOutput act(float[] observations, int rows, boolean[] deterministic, Rng rng) {
        return PolicyOutput.fromLogits(new float[rows * numActions], numActions, new float[rows], deterministic, rng);
    }
}
