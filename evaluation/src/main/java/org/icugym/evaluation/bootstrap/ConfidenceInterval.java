package org.icugym.evaluation.bootstrap;

/**
 * A bootstrap confidence interval.
 *
 * @param low lower bound
 * @param high upper bound
 * @param level nominal coverage, e.g. 0.95
 * @param resamples number of bootstrap resamples it was computed from
 * @param standardError standard deviation of the bootstrap replicates
 */
public record ConfidenceInterval(double low, double high, double level, int resamples, double standardError) {
    /** Whether {@code value} lies within the interval (bounds included). */
    public boolean covers(double value) {
        return value >= low && value <= high;
    }

    /** Width of the interval. */
    public double width() {
        return high - low;
    }
}
