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

/**
 * A test environment of one counter per env and two actions, reset to 0; subclasses say what a
 * step does.
 */
abstract class CounterEnvFactory implements EnvFactory {
    private final EnvSpec spec;

    CounterEnvFactory(String id, String description) {
        spec = new EnvSpec(id, description,
                BoxSpace.vector(new double[] {0}, new double[] {1e9}, List.of("count"), List.of("")),
                DiscreteSpace.of(2), 0, 1, 0, EnumSet.allOf(AutoresetMode.class), List.of(), List.of(), null, 1.0);
    }

    /** One step of all {@code numEnvs} counters. */
    abstract void step(int numEnvs, int[] actions, float[] obs, float[] rewards);

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public VectorEnv create(int numEnvs, Map<String, String> options) {
        return new VectorEnv() {
            @Override
            public EnvSpec spec() {
                return spec;
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
                CounterEnvFactory.this.step(numEnvs, actions, obs, rewards);
            }
        };
    }
}
