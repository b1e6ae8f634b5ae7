package org.icugym.evaluation.validation;

import java.util.ArrayList;
import java.util.List;
import org.icugym.core.envs.icusepsis.IcuSepsisData;
import org.icugym.core.envs.icusepsis.SparseTransitions;
import org.icugym.core.random.Rng;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;

/**
 * Behaviour datasets drawn from the ICU-Sepsis MDP: each episode starts from d_0, follows a
 * {@code [state][action]} behaviour policy until death or survival (reward +1 on survival) and
 * records the behaviour probability of every action taken. One episode per patient.
 */
public final class IcuSepsisDatasets {
    /** The environment's episode cap; episodes that reach it are cut (it is practically never reached). */
    public static final int MAX_STEPS = 500;

    private IcuSepsisDatasets() {
    }

    /** {@code episodes} episodes of {@code behaviour} from generator seed {@code seed}. */
    public static TrajectoryDataset sample(IcuSepsisData mdp, double[][] behaviour, int episodes, long seed) {
        if (episodes < 1) {
            throw new InvalidDatasetException("the number of episodes must be positive, got " + episodes);
        }
        SparseTransitions p = mdp.transitions();
        double[][] cdf = cumulative(behaviour);
        Rng rng = new Rng(seed);
        List<Trajectory> out = new ArrayList<>(episodes);
        int[] states = new int[MAX_STEPS];
        int[] actions = new int[MAX_STEPS];
        double[] rewards = new double[MAX_STEPS];
        double[] probs = new double[MAX_STEPS];
        for (int e = 0; e < episodes; e++) {
            int s = mdp.sampleInitialState(rng);
            int t = 0;
            while (t < MAX_STEPS && !IcuSepsisData.isTerminal(s)) {
                int a = rng.sampleCdf(cdf[s], 0, cdf[s].length);
                int k = p.sample(s, a, rng);
                states[t] = s;
                actions[t] = a;
                rewards[t] = p.reward(k);
                probs[t] = behaviour[s][a];
                s = p.successor(k);
                t++;
            }
            out.add(new Trajectory("episode-" + e, java.util.Arrays.copyOf(states, t), null,
                    java.util.Arrays.copyOf(actions, t), java.util.Arrays.copyOf(rewards, t),
                    java.util.Arrays.copyOf(probs, t)));
        }
        return new TrajectoryDataset(out, mdp.numActions());
    }

    private static double[][] cumulative(double[][] policy) {
        double[][] cdf = new double[policy.length][];
        for (int s = 0; s < policy.length; s++) {
            cdf[s] = new double[policy[s].length];
            double sum = 0;
            for (int a = 0; a < policy[s].length; a++) {
                sum += policy[s][a];
                cdf[s][a] = sum;
            }
        }
        return cdf;
    }
}
