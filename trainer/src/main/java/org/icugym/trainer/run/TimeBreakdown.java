package org.icugym.trainer.run;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where the time of a run on one node goes: waiting on the environment server, policy forward
 * passes in the rollout workers, and PPO updates in the learner. Thread-safe; shared by the actors
 * of one actor system.
 */
public final class TimeBreakdown {
    private final LongAdder envNanos = new LongAdder();
    private final LongAdder inferenceNanos = new LongAdder();
    private final LongAdder learnNanos = new LongAdder();

    /** Adds time spent waiting for the environment server's answers. */
    public void env(long nanos) {
        envNanos.add(nanos);
    }

    /** Adds time spent in policy forward passes and action sampling. */
    public void inference(long nanos) {
        inferenceNanos.add(nanos);
    }

    /** Adds time spent in PPO updates. */
    public void learn(long nanos) {
        learnNanos.add(nanos);
    }

    /** The totals so far. */
    public Totals totals() {
        return new Totals(envNanos.sum() / 1e9, inferenceNanos.sum() / 1e9, learnNanos.sum() / 1e9);
    }

    /**
     * Totals in seconds (summed over workers, so with several workers they may exceed the wall time).
     *
     * @param envSeconds       waiting on the environment server
     * @param inferenceSeconds policy forward passes in the workers
     * @param learnSeconds     PPO updates
     */
    public record Totals(double envSeconds, double inferenceSeconds, double learnSeconds) {
        /** The three as fractions of their sum. */
        public double[] fractions() {
            double sum = envSeconds + inferenceSeconds + learnSeconds;
            return sum <= 0 ? new double[3] : new double[] {envSeconds / sum, inferenceSeconds / sum, learnSeconds / sum};
        }
    }
}
