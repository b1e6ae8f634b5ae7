package org.icugym.agent;

import org.icugym.core.random.Rng;

/**
 * A policy over a Discrete action space: maps a batch of observation rows to an action
 * distribution per row, a chosen action and the critic's value estimate.
 *
 * <p>Instances may own native memory (close them) and are not thread-safe: give each serving
 * worker its own replica.
 */
public interface Policy extends AutoCloseable {
    /** Kind of policy, e.g. {@code "mlp-actor-critic"}, {@code "random"}, {@code "no-treatment"}. */
    String kind();

    /** Length d of one observation row. */
    int observationSize();

    /** Number of discrete actions. */
    int numActions();

    /**
     * Acts on {@code rows} observation rows with one forward pass.
     *
     * @param observations {@code rows × observationSize()} values, row-major
     * @param rows number of rows (>= 1)
     * @param deterministic per row: true = argmax, false = sample from the distribution
     * @param rng the random stream samples are drawn from
     * @return one action, log-probability, value and distribution per row
     */
    PolicyOutput act(float[] observations, int rows, boolean[] deterministic, Rng rng);

    /** Releases native memory; the default does nothing. */
    @Override
    default void close() {}
}
