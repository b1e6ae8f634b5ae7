package org.icugym.agent.baseline;

import org.icugym.agent.PolicyOutput;
import org.icugym.core.clinical.policy.GuidelinePolicy;
import org.icugym.core.random.Rng;

/**
 * The guideline policy: {@link GuidelinePolicy} (bolus while hypoperfused, start and titrate a
 * vasopressor below 65 mmHg, wean at 70 mmHg) acting on {@code Sepsis-Physiology-v1} observations.
 * One-hot: sampled and deterministic rows take the same action. Values are 0.
 */
public final class GuidelineBaseline extends BaselinePolicy {
    /** Kind name in weights files and model listings. */
    public static final String KIND = "guideline";

    /** The guideline over the 25 sepsis actions, taking {@code Sepsis-Physiology-v1} rows. */
    public GuidelineBaseline(int observationSize, int numActions) {
        super(KIND, observationSize, numActions);
        SepsisObservations.check(KIND, observationSize, numActions);
    }

    @Override
    public PolicyOutput act(float[] observations, int rows, boolean[] deterministic, Rng rng) {
        float[] logits = new float[rows * numActions];
        java.util.Arrays.fill(logits, Float.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            logits[r * numActions + GuidelinePolicy.action(SepsisObservations.view(observations, r)).index()] = 0f;
        }
        return PolicyOutput.fromLogits(logits, numActions, new float[rows], deterministic, rng);
    }
}
