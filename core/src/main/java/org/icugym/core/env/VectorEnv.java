package org.icugym.core.env;

import org.icugym.core.random.Rng;

/**
 * The environment SPI: {@code numEnvs} independent environments of one id, with their state held
 * as struct-of-arrays inside the implementation so one call steps them all.
 *
 * <p>Implementations only simulate: they never count steps (the time limit is applied by
 * {@link VectorSession}), never autoreset and never validate actions (the session has already
 * checked them against the action space). Each environment draws randomness only from the
 * {@link Rng} it is handed, which is what makes seeding reproducible. Not thread-safe.
 */
public interface VectorEnv {

    /** The spec of this vector, with its options applied. */
    EnvSpec spec();

    /** Number of environments. */
    int numEnvs();

    /**
     * Resets environment {@code env}, drawing its initial state from {@code rng}; writes its
     * observation into row {@code env} of {@code obs} ({@code spec().obsDim()} floats per row) and
     * may set its reset infos.
     */
    void reset(int env, Rng rng, float[] obs, InfoBuffer infos);

    /**
     * Steps every environment {@code i} with {@code active[i]}, applying {@code actions[i]} and
     * drawing from {@code rngs[i]}; for each writes its observation row, {@code rewards[i]},
     * {@code terminated[i]} and its infos. Inactive rows must be left untouched.
     */
    void step(int[] actions, boolean[] active, Rng[] rngs, float[] obs, float[] rewards,
            boolean[] terminated, InfoBuffer infos);
}
