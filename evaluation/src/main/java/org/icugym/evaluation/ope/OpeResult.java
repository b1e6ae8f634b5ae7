package org.icugym.evaluation.ope;

import org.icugym.evaluation.bootstrap.ConfidenceInterval;

/**
 * One estimate of a policy's value.
 *
 * @param estimator the estimator
 * @param policy name of the evaluated policy
 * @param estimate the point estimate on the full data (NaN when undefined: no trajectory has weight)
 * @param interval the patient-level bootstrap interval
 * @param effectiveSampleSize {@code (sum W)^2 / sum W^2} of the trajectory weights (the number of
 *     trajectories for FQE)
 * @param nonZeroWeightShare share of trajectories whose weight W is non-zero (1 for FQE)
 * @param meanWeight mean trajectory weight W; near 1 when the behaviour policy covers the evaluated
 *     one, clearly below 1 when the evaluated policy takes actions the data never shows (1 for FQE)
 * @param clipping the weight clipping used
 * @param clippedShare share of trajectories with a clipped weight
 * @param trajectories number of trajectories
 * @param patients number of patients
 */
public record OpeResult(Estimator estimator, String policy, double estimate, ConfidenceInterval interval,
        double effectiveSampleSize, double nonZeroWeightShare, double meanWeight, Clipping clipping,
        double clippedShare, int trajectories, int patients) {

    /** One line for logs and plain-text reports. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%-5s %-28s %8.4f  [%8.4f, %8.4f]  ESS %9.1f  non-zero %5.1f%%  mean W %6.3f  clipping %s",
                estimator, policy, estimate, interval.low(), interval.high(), effectiveSampleSize,
                100 * nonZeroWeightShare, meanWeight, clipping);
    }
}
