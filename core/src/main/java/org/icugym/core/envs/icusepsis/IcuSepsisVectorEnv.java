package org.icugym.core.envs.icusepsis;

import java.util.Arrays;
import java.util.List;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.InfoBuffer;
import org.icugym.core.env.InfoKey;
import org.icugym.core.env.VectorEnv;
import org.icugym.core.random.Rng;

/**
 * A vector of ICU-Sepsis v2 environments: each holds one MDP state index, starts from d_0 and
 * moves by sampling the published transition kernel. Entering survival (714) pays +1 and
 * terminates; entering death (713) terminates with reward 0.
 *
 * <p>The observation row is either the state index as one float ({@code Discrete(716)}) or its
 * one-hot encoding ({@code Box(716)}). Infos: {@code sofa} (mean SOFA score of the state's cluster,
 * points) and {@code state} (the index). Not thread-safe.
 */
public final class IcuSepsisVectorEnv implements VectorEnv {
    private final EnvSpec spec;
    private final IcuSepsisData data;
    private final SparseTransitions transitions;
    private final boolean oneHot;
    private final int obsDim;
    private final int[] state;
    private final int sofaColumn;
    private final int stateColumn;

    /** {@code numEnvs} environments on {@code data}; {@code oneHot} selects the one-hot observation. */
    public IcuSepsisVectorEnv(EnvSpec spec, int numEnvs, IcuSepsisData data, boolean oneHot) {
        this.spec = spec;
        this.data = data;
        this.transitions = data.transitions();
        this.oneHot = oneHot;
        this.obsDim = spec.obsDim();
        this.state = new int[numEnvs];
        List<String> infoKeys = spec.infoKeys().stream().map(InfoKey::name).toList();
        this.sofaColumn = infoKeys.indexOf(IcuSepsisFactory.INFO_SOFA);
        this.stateColumn = infoKeys.indexOf(IcuSepsisFactory.INFO_STATE);
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public int numEnvs() {
        return state.length;
    }

    @Override
    public void reset(int env, Rng rng, float[] obs, InfoBuffer infos) {
        state[env] = data.sampleInitialState(rng);
        write(env, obs, infos);
    }

    @Override
    public void step(int[] actions, boolean[] active, Rng[] rngs, float[] obs, float[] rewards,
            boolean[] terminated, InfoBuffer infos) {
        for (int i = 0; i < state.length; i++) {
            if (!active[i]) {
                continue;
            }
            int k = transitions.sample(state[i], actions[i], rngs[i]);
            int next = transitions.successor(k);
            rewards[i] = (float) transitions.reward(k);
            terminated[i] = IcuSepsisData.isTerminal(next);
            state[i] = next;
            write(i, obs, infos);
        }
    }

    /** The current state index of environment {@code env}. */
    public int state(int env) {
        return state[env];
    }

    private void write(int env, float[] obs, InfoBuffer infos) {
        int s = state[env];
        int o = env * obsDim;
        if (oneHot) {
            Arrays.fill(obs, o, o + obsDim, 0f);
            obs[o + s] = 1f;
        } else {
            obs[o] = s;
        }
        infos.set(sofaColumn, env, data.sofaScore(s));
        infos.set(stateColumn, env, s);
    }
}
