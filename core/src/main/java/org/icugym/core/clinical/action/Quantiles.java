package org.icugym.core.clinical.action;

/** Sample quantiles of sorted data by linear interpolation (Hyndman–Fan type 7, numpy's default). */
final class Quantiles {
    private Quantiles() {}

    /**
     * The {@code q}-quantile of ascending data; NaN for an empty array.
     *
     * @param sorted values in ascending order
     * @param q probability in [0, 1]
     */
    static double sorted(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
