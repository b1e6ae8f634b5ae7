package org.icugym.evaluation.bootstrap;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.icugym.core.random.Rng;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.TrajectoryDataset;

/**
 * The nonparametric bootstrap over patients: each resample draws as many patients as the dataset
 * has, with replacement, and counts every stay of a drawn patient once per draw. A statistic is a
 * function of the trajectory multiplicities. Resample {@code b} uses its own generator seeded from
 * {@code (seed, b)}, so results are identical however the resamples are spread over threads.
 *
 * <p>Intervals are percentile intervals of the replicates. They are only as good as the replicates
 * are representative: with heavy-tailed importance weights (small effective sample size) a
 * resample rarely contains the few trajectories that carry the weight, and percentile intervals
 * cover less often than nominal; the effective sample size reported beside them says when.
 */
public final class PatientBootstrap {
    /** Default number of resamples. */
    public static final int DEFAULT_RESAMPLES = 2000;
    /** Default nominal coverage. */
    public static final double DEFAULT_LEVEL = 0.95;

    private final TrajectoryDataset data;
    private final int resamples;
    private final long seed;
    private final double level;

    /** A bootstrap of {@code data} with {@code resamples} resamples, seed and nominal coverage {@code level}. */
    public PatientBootstrap(TrajectoryDataset data, int resamples, long seed, double level) {
        if (resamples < 2) {
            throw new InvalidDatasetException("the bootstrap needs at least 2 resamples, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new InvalidDatasetException("confidence level must be in (0, 1), got " + level);
        }
        this.data = data;
        this.resamples = resamples;
        this.seed = seed;
        this.level = level;
    }

    /** Defaults: 2,000 resamples, 95 % intervals. */
    public PatientBootstrap(TrajectoryDataset data, long seed) {
        this(data, DEFAULT_RESAMPLES, seed, DEFAULT_LEVEL);
    }

    /** The multiplicity of every trajectory in resample {@code b}. */
    public double[] multiplicities(int b) {
        int n = data.numPatients();
        int[] counts = new int[n];
        Rng rng = new Rng(seed * 0x9E3779B97F4A7C15L + b);
        for (int i = 0; i < n; i++) {
            counts[rng.nextInt(n)]++;
        }
        return data.trajectoryMultiplicities(counts);
    }

    /** The replicates of {@code statistic} over all resamples, in resample order (computed in parallel). */
    public double[] replicates(ToDoubleFunction<double[]> statistic) {
        return IntStream.range(0, resamples).parallel().mapToDouble(b -> statistic.applyAsDouble(multiplicities(b)))
                .toArray();
    }

    /** The percentile interval of {@code statistic}. */
    public ConfidenceInterval interval(ToDoubleFunction<double[]> statistic) {
        return percentile(replicates(statistic), level);
    }

    /** The percentile interval of given replicates (NaN replicates are an error). */
    public static ConfidenceInterval percentile(double[] replicates, double level) {
        double[] sorted = replicates.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalStateException("a bootstrap replicate is NaN: the statistic is undefined on some resample");
        }
        double alpha = (1 - level) / 2;
        double mean = Arrays.stream(sorted).average().orElse(0);
        double var = Arrays.stream(sorted).map(x -> (x - mean) * (x - mean)).sum() / (sorted.length - 1);
        return new ConfidenceInterval(quantile(sorted, alpha), quantile(sorted, 1 - alpha), level, sorted.length,
                Math.sqrt(var));
    }

    /** The {@code p}-quantile of sorted values, linear interpolation between order statistics. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Number of resamples. */
    public int resamples() {
        return resamples;
    }

    /** Nominal coverage. */
    public double level() {
        return level;
    }
}
