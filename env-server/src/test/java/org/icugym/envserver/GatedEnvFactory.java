package org.icugym.envserver;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.EnvFactory;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.InfoBuffer;
import org.icugym.core.env.VectorEnv;
import org.icugym.core.random.Rng;
import org.icugym.core.space.BoxSpace;
import org.icugym.core.space.DiscreteSpace;

/**
 * A test environment {@code Gated-v0} whose step signals {@link #stepping} and then waits until
 * {@link #release} opens, so a test can hold a request in flight deterministically.
 */
final class GatedEnvFactory implements EnvFactory {
    final CountDownLatch stepping = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    private static final EnvSpec SPEC = new EnvSpec("Gated-v0", "one counter whose step waits for the test",
            BoxSpace.vector(new double[] {0}, new double[] {1e9}, List.of("count"), List.of("")),
            DiscreteSpace.of(2), 0, 1, 0, EnumSet.allOf(AutoresetMode.class), List.of(), List.of(), null, 1.0);

    @Override
    public EnvSpec spec() {
        return SPEC;
    }

    @Override
    public VectorEnv create(int numEnvs, Map<String, String> options) {
        checkOptionNames(options);
        return new VectorEnv() {
            @Override
            public EnvSpec spec() {
                return SPEC;
            }

            @Override
            public int numEnvs() {
                return numEnvs;
            }

            @Override
            public void reset(int env, Rng rng, float[] obs, InfoBuffer infos) {
                obs[env] = 0;
            }

            @Override
            public void step(int[] actions, boolean[] active, Rng[] rngs, float[] obs, float[] rewards,
                    boolean[] terminated, InfoBuffer infos) {
                stepping.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < numEnvs; i++) {
                    obs[i] += 1;
                    rewards[i] = 1;
                }
            }
        };
    }
}
