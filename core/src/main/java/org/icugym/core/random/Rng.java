package org.icugym.core.random;

/**
 * A seeded, splittable pseudo-random generator (SplitMix64), identical on every JVM and platform.
 *
 * <p>Every environment owns one stream; a stream created from the same seed yields the same
 * sequence, which is what makes {@code reset(seed)} reproducible. {@link #split()} derives an
 * independent child stream (e.g. one per environment of a vector) without sharing state.
 * Not thread-safe: one owner at a time.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    /** A stream determined entirely by {@code seed}. */
    public Rng(long seed) {
        this.state = mix64(seed);
    }

    /** A stream seeded from system entropy (not reproducible). */
    public static Rng fromEntropy() {
        return new Rng(System.nanoTime() ^ Thread.currentThread().getId() * GOLDEN_GAMMA
                ^ java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    /** The next 64 uniformly distributed bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** A uniform double in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** A uniform double in [low, high). */
    public double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** A uniform int in [0, bound); bound must be positive. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Lemire's nearly divisionless method on the high 32 bits.
        long m = ((nextLong() >>> 32) & 0xffffffffL) * bound;
        long low = m & 0xffffffffL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = ((nextLong() >>> 32) & 0xffffffffL) * bound;
                low = m & 0xffffffffL;
            }
        }
        return (int) (m >>> 32);
    }

    /** A standard normal deviate (Marsaglia polar method). */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * f;
        hasSpareGaussian = true;
        return u * f;
    }

    /**
     * Draws an index from a cumulative distribution {@code cdf[from..to)} (non-decreasing, last
     * entry the total mass); returns an index in [from, to).
     */
    public int sampleCdf(double[] cdf, int from, int to) {
        double u = nextDouble() * cdf[to - 1];
        int lo = from;
        int hi = to - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** An independent child stream; this stream advances by one draw. */
    public Rng split() {
        return new Rng(nextLong() ^ 0x5851f42d4c957f2dL);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
