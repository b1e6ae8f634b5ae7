package org.icugym.agent.baseline;

import java.util.Arrays;
import org.icugym.agent.PolicyOutput;
import org.icugym.core.random.Rng;

/**
 * The no-treatment policy: action 0 (for the sepsis environments, no IV fluid and no
 * vasopressor) with probability 1 in every row. Values are 0.
 */
public final class NoTreatmentPolicy extends BaselinePolicy {
    /** Kind name in weights files and model listings. */
    public static final String KIND = "no-treatment";

    /** A no-treatment policy over {@code numActions} actions taking rows of {@code observationSize}. */
    public NoTreatmentPolicy(int observationSize, int numActions) {
        super(KIND, observationSize, numActions);
    }

    @Override
    public PolicyOutput act(float[] observations, int rows, boolean[] deterministic, Rng rng) {
        float[] probs = new float[rows * numActions];
        for (int r = 0; r < rows; r++) {
            probs[r * numActions] = 1f;
        }
        return new PolicyOutput(new long[rows], new float[rows], new float[rows], probs, numActions);
    }

    @Override
    public String toString() {
        return KIND + Arrays.toString(new int[] {observationSize, numActions});
    }
}
