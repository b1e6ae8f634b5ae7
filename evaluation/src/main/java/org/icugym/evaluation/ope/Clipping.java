package org.icugym.evaluation.ope;

import org.icugym.evaluation.data.InvalidDatasetException;

/**
 * Clipping of cumulative importance weights at {@code maxWeight} (infinite for none). Clipping
 * lowers variance and adds bias; results always report the threshold and how many trajectories it
 * touched.
 *
 * @param maxWeight the largest cumulative weight kept; {@code +Infinity} for no clipping
 */
public record Clipping(double maxWeight) {
    /** No clipping. */
    public static final Clipping NONE = new Clipping(Double.POSITIVE_INFINITY);

    /** Checks that the threshold is positive. */
    public Clipping {
        if (!(maxWeight > 0)) {
            throw new InvalidDatasetException("weight clipping threshold must be positive, got " + maxWeight);
        }
    }

    /** Whether weights are clipped at all. */
    public boolean enabled() {
        return maxWeight != Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return enabled() ? "clipped at " + maxWeight : "none";
    }
}
