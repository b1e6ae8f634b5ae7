package org.icugym.trainer.ppo;

import org.icugym.core.random.Rng;

/**
 * The seeds of a run's random streams, each derived from the run's seed and a counter instead of
 * carried forward: the minibatch order of update {@code u}, the action sampling of worker {@code w}
 * for policy version {@code v}, and the environment seeds of a rollout that starts with a reset.
 * A checkpoint therefore needs only the counters to continue every stream exactly.
 */
public final class Seeds {
    private static final long ORDER = 0x5DEECE66DL;
    private static final long SAMPLING = 0x2545F4914F6CDD1DL;
    private static final long ENVS = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** Seed of the minibatch order of update {@code update} (1-based). */
    public static long minibatchOrder(long seed, long update) {
        return new Rng(seed ^ ORDER).nextLong() + update * ENVS;
    }

    /** Seed of worker {@code worker}'s action sampling while it acts with policy version {@code version}. */
    public static long actionSampling(long seed, int worker, long version) {
        return new Rng(seed * 1_000_003L + 17 + worker).nextLong() ^ version * SAMPLING;
    }

    /**
     * Seed of worker {@code worker}'s environments when they reset before acting with policy version
     * {@code version}: {@code seed + worker * numEnvs} at version 0 (environment {@code i} of the vector
     * gets that plus {@code i}), a derived one at later checkpoint boundaries.
     */
    public static long envReset(long seed, int worker, int numEnvs, long version) {
        long base = seed + (long) worker * numEnvs;
        return version == 0 ? base : new Rng(base ^ version * ENVS).nextLong() & Long.MAX_VALUE;
    }
}
