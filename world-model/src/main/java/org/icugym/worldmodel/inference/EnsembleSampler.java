package org.icugym.worldmodel.inference;

import org.icugym.core.random.Rng;

/**
 * Draws from a world-model ensemble with a seeded {@link Rng}: which member predicts each step,
 * and the sampled next state, ventilation and events from a {@link Prediction}.
 *
 * <p>Deterministic given the seed and the order of calls. Not thread-safe.
 */
public final class EnsembleSampler {
    private final int members;
    private final Rng rng;

    /**
     * A sampler over {@code members} members.
     *
     * @param members ensemble size (≥ 1)
     * @param rng the random stream (owned by the sampler from now on)
     */
    public EnsembleSampler(int members, Rng rng) {
        if (members < 1) {
            throw new IllegalArgumentException("members must be >= 1, got " + members);
        }
        this.members = members;
        this.rng = rng;
    }

    /** The member that predicts the next step, uniform over the ensemble. */
    public int nextMember() {
        return rng.nextInt(members);
    }

    /** One member per row, each drawn independently. */
    public int[] nextMembers(int rows) {
        int[] chosen = new int[rows];
        for (int r = 0; r < rows; r++) {
            chosen[r] = nextMember();
        }
        return chosen;
    }

    /**
     * Samples one row of a prediction.
     *
     * @param p the prediction
     * @param row which row
     * @return next standardized features drawn from the Gaussian, and the three events drawn from their probabilities
     */
    public SampledStep sample(Prediction p, int row) {
        int f = p.featureCount();
        float[] next = new float[f];
        for (int k = 0; k < f; k++) {
            next[k] = (float) (p.mean(row, k) + p.std(row, k) * rng.nextGaussian());
        }
        boolean ventilated = rng.nextDouble() < p.ventilation()[row];
        boolean ended = rng.nextDouble() < p.end()[row];
        boolean died = rng.nextDouble() < p.death()[row];
        return new SampledStep(next, ventilated, ended, ended && died);
    }

    /**
     * One sampled step of a simulated patient.
     *
     * @param features next standardized dynamic features
     * @param ventilated whether the patient is ventilated at the next step
     * @param ended whether the stay ends at the next step (terminated)
     * @param died whether the stay ends and the patient dies (90-day mortality); false if it goes on
     */
    public record SampledStep(float[] features, boolean ventilated, boolean ended, boolean died) {}
}
