package org.icugym.envserver;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.EnvFactory;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.InfoBuffer;
import org.icugym.core.env.VectorEnv;
import org.icugym.core.random.Rng;
import org.icugym.core.space.BoxSpace;
import org.icugym.core.space.DiscreteSpace;

/** A test environment {@code Failing-v0} whose step throws (a bug) when any action is 1. */
final class FailingEnvFactory implements EnvFactory {
    private static final EnvSpec SPEC = new EnvSpec("Failing-v0", "a counter that breaks on action 1",
            BoxSpace.vector(new double[] {0}, new double[] {1e9}, List.of("count"), List.of("")),
            DiscreteSpace.of(2), 0, 1, 0, EnumSet.allOf(AutoresetMode.class), List.of(), List.of(), null, 1.0);

    @Override
    public EnvSpec spec() {
        return SPEC;
    }

    @Override
    public VectorEnv create(int numEnvs, Map<String, String> options) {
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
                for (int i = 0; i < numEnvs; i++) {
                    if (actions[i] == 1) {
                        throw new IllegalStateException("broken on purpose");
                    }
                    obs[i] += 1;
                }
            }
        };
    }
}
