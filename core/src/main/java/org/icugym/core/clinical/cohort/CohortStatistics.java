package org.icugym.core.clinical.cohort;

import java.util.List;
import org.icugym.core.clinical.action.DoseBins;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.schema.Feature;

/**
 * Summary statistics of a cohort, accumulated stay by stay: per-feature mean, SD and
 * missingness (over rows, recorded values only), histograms of the {@link MimicTargets}
 * features, action frequencies, 90-day mortality and stay lengths. Not thread-safe.
 */
public final class CohortStatistics {
    /** Bins of each feature histogram. */
    public static final int HISTOGRAM_BINS = 40;
    /** Longest stay length counted separately in the stay-length histogram (longer ones join the last bin). */
    public static final int MAX_LENGTH = 40;

    private static final List<Feature> FEATURES = CohortSchema.FEATURES;

    private final long[] count = new long[FEATURES.size()];
    private final double[] sum = new double[FEATURES.size()];
    private final double[] squares = new double[FEATURES.size()];
    private final long[][] histograms = new long[MimicTargets.FEATURES.size()][HISTOGRAM_BINS];
    private final int[] targetIndex = new int[MimicTargets.FEATURES.size()];
    private final long[] actions = new long[TreatmentAction.COUNT];
    private final long[] lengths = new long[MAX_LENGTH + 1];
    private long rows;
    private long stays;
    private long deaths;

    /** Empty statistics. */
    public CohortStatistics() {
        for (int t = 0; t < targetIndex.length; t++) {
            targetIndex[t] = FEATURES.indexOf(MimicTargets.FEATURES.get(t).feature());
        }
    }

    /** Statistics of a list of stays. */
    public static CohortStatistics of(List<CohortStay> stays) {
        CohortStatistics s = new CohortStatistics();
        stays.forEach(s::add);
        return s;
    }

    /** Adds one stay. */
    public void add(CohortStay stay) {
        stays++;
        deaths += stay.diedWithin90Days() ? 1 : 0;
        lengths[Math.min(stay.length(), MAX_LENGTH)]++;
        for (CohortStep step : stay.steps()) {
            rows++;
            actions[step.action().index()]++;
            double[] v = step.features();
            for (int f = 0; f < v.length; f++) {
                if (!Double.isNaN(v[f])) {
                    count[f]++;
                    sum[f] += v[f];
                    squares[f] += v[f] * v[f];
                }
            }
            for (int t = 0; t < targetIndex.length; t++) {
                double x = v[targetIndex[t]];
                if (!Double.isNaN(x)) {
                    histograms[t][histogramBin(t, x)]++;
                }
            }
        }
    }

    /** The lower edge of histogram {@code t}'s range: target mean − 4 target SDs, within the feature bounds. */
    public static double histogramLow(int t) {
        MimicTargets.FeatureTarget target = MimicTargets.FEATURES.get(t);
        return Math.max(target.feature().lowerBound(), target.mean() - 4 * target.sd());
    }

    /** The upper edge of histogram {@code t}'s range: target mean + 4 target SDs, within the feature bounds. */
    public static double histogramHigh(int t) {
        MimicTargets.FeatureTarget target = MimicTargets.FEATURES.get(t);
        return Math.min(target.feature().upperBound(), target.mean() + 4 * target.sd());
    }

    private static int histogramBin(int t, double x) {
        double low = histogramLow(t);
        double high = histogramHigh(t);
        int b = (int) Math.floor((x - low) / (high - low) * HISTOGRAM_BINS);
        return Math.max(0, Math.min(HISTOGRAM_BINS - 1, b));
    }

    /** Number of rows (steps). */
    public long rows() {
        return rows;
    }

    /** Number of stays. */
    public long stays() {
        return stays;
    }

    /** Share of stays that died within 90 days (0–1). */
    public double mortality() {
        return stays == 0 ? Double.NaN : (double) deaths / stays;
    }

    /** Mean number of steps per stay. */
    public double meanLength() {
        return stays == 0 ? Double.NaN : (double) rows / stays;
    }

    /** Stays by length: index = steps (the last index counts {@value #MAX_LENGTH} or more). */
    public long[] lengthCounts() {
        return lengths.clone();
    }

    /** Mean of a feature's recorded values, in its unit (NaN if never recorded). */
    public double mean(Feature feature) {
        int f = index(feature);
        return count[f] == 0 ? Double.NaN : sum[f] / count[f];
    }

    /** Standard deviation of a feature's recorded values (population SD, in its unit). */
    public double sd(Feature feature) {
        int f = index(feature);
        if (count[f] == 0) {
            return Double.NaN;
        }
        double mean = sum[f] / count[f];
        return Math.sqrt(Math.max(0, squares[f] / count[f] - mean * mean));
    }

    /** Share of rows where the feature is missing (0–1). */
    public double missing(Feature feature) {
        return rows == 0 ? Double.NaN : 1 - (double) count[index(feature)] / rows;
    }

    /** Share of steps with each action (25 values in index order). */
    public double[] actionFrequencies() {
        double[] p = new double[actions.length];
        for (int a = 0; a < p.length; a++) {
            p[a] = rows == 0 ? Double.NaN : (double) actions[a] / rows;
        }
        return p;
    }

    /** Share of steps in each fluid bin (5 values). */
    public double[] fluidBinFrequencies() {
        return marginal(true);
    }

    /** Share of steps in each vasopressor bin (5 values). */
    public double[] vasopressorBinFrequencies() {
        return marginal(false);
    }

    /** Histogram counts of target feature {@code t} of {@link MimicTargets#FEATURES}. */
    public long[] histogram(int t) {
        return histograms[t].clone();
    }

    private double[] marginal(boolean fluid) {
        double[] joint = actionFrequencies();
        double[] m = new double[DoseBins.BIN_COUNT];
        for (int a = 0; a < joint.length; a++) {
            TreatmentAction action = TreatmentAction.fromIndex(a);
            m[fluid ? action.fluidBin() : action.vasopressorBin()] += joint[a];
        }
        return m;
    }

    private static int index(Feature feature) {
        int f = FEATURES.indexOf(feature);
        if (f < 0) {
            throw new IllegalArgumentException(feature.name() + " is not a cohort feature");
        }
        return f;
    }
}
