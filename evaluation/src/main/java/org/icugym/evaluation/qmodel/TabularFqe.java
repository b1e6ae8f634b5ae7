package org.icugym.evaluation.qmodel;

import java.util.HashMap;
import java.util.Map;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.icugym.evaluation.policy.DiscreteStatePolicy;

/**
 * Fitted Q evaluation on discrete states: iterates
 * {@code Q(s,a) <- mean over logged (s,a,r,s') of r + gamma V(s')}, {@code V(s') = sum_a pi(a|s') Q(s',a)}
 * ({@code V = 0} after a trajectory's last step) until no value moves by more than {@link #TOLERANCE}.
 * With a table this converges to the value of pi in the maximum-likelihood MDP of the data.
 *
 * <p>Rarely logged actions are shrunk towards their state: with {@code n(s,a)} logged steps,
 * {@code Q(s,a) = (n(s,a) Q_data(s,a) + k Q_state(s)) / (n(s,a) + k)}, where {@code Q_state(s)} is
 * the count-weighted mean of {@code Q_data} over the actions logged in {@code s} and {@code k} is
 * the prior count (default {@link #DEFAULT_PRIOR_COUNT}). An action never logged in a state has
 * {@code Q = Q_state(s)}. This is a Dirichlet prior on the transitions centred on the state's pooled
 * transitions. Without it ({@code k = 0}) a deterministic policy whose action was logged once in a
 * state and stayed there gets a fitted loop that never ends, worth 0. Both rules are modelling
 * assumptions, and the reason FQE can be wrong for a policy that prefers rarely logged actions.
 *
 * <p>The data layout is built once; {@link #fit(double[])} refits under trajectory multiplicities,
 * which is how the bootstrap resamples it. Thread-safe.
 */
public final class TabularFqe {
    /** Convergence threshold on the largest change of a state value in one sweep. */
    public static final double TOLERANCE = 1e-10;
    /** Sweeps after which a fit gives up (a policy whose fitted model never ends episodes). */
    public static final int MAX_SWEEPS = 100_000;
    /** Default prior count k of the shrinkage of rarely logged actions towards their state. */
    public static final double DEFAULT_PRIOR_COUNT = 1.0;

    private final TrajectoryDataset data;
    private final DiscreteStatePolicy policy;
    private final double gamma;
    private final double priorCount;
    private final int numStates;
    private final int numActions;
    private final double[][] pi;
    // pairs (s, a) grouped by state: stateStart[s]..stateStart[s+1]
    private final int[] stateStart;
    private final int[] pairAction;
    // transitions (pair, next) grouped by pair: pairStart[p]..pairStart[p+1]; next -1 = end of trajectory
    private final int[] pairStart;
    private final int[] tripleNext;
    // per step, flattened over trajectories
    private final int[] stepTriple;
    private final double[] stepReward;
    private final int[] trajectoryStart;
    private final int[] firstState;

    /** FQE with the default prior count. */
    public TabularFqe(TrajectoryDataset data, DiscreteStatePolicy policy, double gamma) {
        this(data, policy, gamma, DEFAULT_PRIOR_COUNT);
    }

    /**
     * Lays out {@code data} (discrete states required) for evaluating {@code policy} with discount
     * {@code gamma}, shrinking rarely logged actions with prior count {@code priorCount} (0 for none).
     */
    public TabularFqe(TrajectoryDataset data, DiscreteStatePolicy policy, double gamma, double priorCount) {
        if (!data.hasDiscreteStates()) {
            throw new InvalidDatasetException("tabular FQE needs discrete states in every trajectory");
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new InvalidDatasetException("discount gamma must be in (0, 1], got " + gamma);
        }
        this.data = data;
        this.policy = policy;
        if (!(priorCount >= 0)) {
            throw new InvalidDatasetException("FQE prior count must be non-negative, got " + priorCount);
        }
        this.gamma = gamma;
        this.priorCount = priorCount;
        this.numStates = data.numStatesSeen();
        this.numActions = data.numActions();
        this.pi = new double[numStates][];
        Map<Long, Integer> tripleIds = new HashMap<>();
        Map<Long, Integer> pairIds = new HashMap<>();
        int steps = data.totalSteps();
        long[] tripleKey = new long[steps];
        int[] tripleOfStep = new int[steps];
        this.stepReward = new double[steps];
        this.trajectoryStart = new int[data.size() + 1];
        this.firstState = new int[data.size()];
        int k = 0;
        for (int i = 0; i < data.size(); i++) {
            Trajectory t = data.get(i);
            trajectoryStart[i] = k;
            firstState[i] = t.state(0);
            for (int j = 0; j < t.length(); j++, k++) {
                int s = t.state(j);
                int next = j + 1 < t.length() ? t.state(j + 1) : -1;
                long pair = (long) s * numActions + t.actions()[j];
                pairIds.putIfAbsent(pair, pairIds.size());
                long key = pair * (numStates + 1L) + (next + 1);
                Integer id = tripleIds.putIfAbsent(key, tripleIds.size());
                tripleOfStep[k] = id == null ? tripleIds.size() - 1 : id;
                tripleKey[tripleOfStep[k]] = key;
                stepReward[k] = t.rewards()[j];
            }
        }
        trajectoryStart[data.size()] = k;
        // order triples by key (state, action, next) so that pairs and states are contiguous
        int numTriples = tripleIds.size();
        Integer[] order = new Integer[numTriples];
        for (int i = 0; i < numTriples; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Long.compare(tripleKey[x], tripleKey[y]));
        int[] rank = new int[numTriples];
        for (int r = 0; r < numTriples; r++) {
            rank[order[r]] = r;
        }
        this.stepTriple = new int[steps];
        for (int s = 0; s < steps; s++) {
            stepTriple[s] = rank[tripleOfStep[s]];
        }
        this.tripleNext = new int[numTriples];
        int numPairs = pairIds.size();
        this.pairStart = new int[numPairs + 1];
        this.pairAction = new int[numPairs];
        this.stateStart = new int[numStates + 1];
        int pairCount = -1;
        long lastPair = -1;
        int[] pairState = new int[numPairs];
        for (int r = 0; r < numTriples; r++) {
            long key = tripleKey[order[r]];
            long pair = key / (numStates + 1L);
            tripleNext[r] = (int) (key % (numStates + 1L)) - 1;
            if (pair != lastPair) {
                pairCount++;
                pairStart[pairCount] = r;
                pairAction[pairCount] = (int) (pair % numActions);
                pairState[pairCount] = (int) (pair / numActions);
                lastPair = pair;
            }
        }
        pairStart[numPairs] = numTriples;
        int p = 0;
        for (int s = 0; s <= numStates; s++) {
            while (p < numPairs && pairState[p] < s) {
                p++;
            }
            stateStart[s] = p;
        }
        for (int s = 0; s < numStates; s++) {
            if (stateStart[s + 1] > stateStart[s]) {
                pi[s] = checked(policy.probabilities(s), s);
            }
        }
    }

    private double[] checked(double[] probabilities, int s) {
        if (probabilities.length != numActions) {
            throw new InvalidDatasetException("policy '" + policy.name() + "' gives " + probabilities.length
                    + " probabilities in state " + s + ": expected " + numActions);
        }
        return probabilities;
    }

    /** The fitted values under every trajectory counted once. */
    public Fit fit() {
        double[] ones = new double[data.size()];
        java.util.Arrays.fill(ones, 1.0);
        return fit(ones);
    }

    /**
     * The fitted values when trajectory {@code i} is counted {@code multiplicity[i]} times (0 drops it).
     */
    public Fit fit(double[] multiplicity) {
        int numTriples = tripleNext.length;
        int numPairs = pairAction.length;
        double[] tripleWeight = new double[numTriples];
        double[] pairWeight = new double[numPairs];
        double[] pairReward = new double[numPairs];
        double[] tripleRewardSum = new double[numTriples];
        for (int i = 0; i < data.size(); i++) {
            double m = multiplicity[i];
            if (m == 0) {
                continue;
            }
            for (int k = trajectoryStart[i]; k < trajectoryStart[i + 1]; k++) {
                tripleWeight[stepTriple[k]] += m;
                tripleRewardSum[stepTriple[k]] += m * stepReward[k];
            }
        }
        double[] probability = new double[numTriples];
        for (int p = 0; p < numPairs; p++) {
            double w = 0;
            double r = 0;
            for (int x = pairStart[p]; x < pairStart[p + 1]; x++) {
                w += tripleWeight[x];
                r += tripleRewardSum[x];
            }
            pairWeight[p] = w;
            pairReward[p] = w > 0 ? r / w : 0;
            for (int x = pairStart[p]; x < pairStart[p + 1]; x++) {
                probability[x] = w > 0 ? tripleWeight[x] / w : 0;
            }
        }
        double[] v = new double[numStates];
        double[] q = new double[numPairs];
        double[] pooled = new double[numStates];
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double delta = 0;
            for (int s = 0; s < numStates; s++) {
                if (stateStart[s + 1] == stateStart[s]) {
                    continue;
                }
                double value = stateValue(s, v, q, pooled, pairWeight, pairReward, probability);
                delta = Math.max(delta, Math.abs(value - v[s]));
                v[s] = value;
            }
            if (delta < TOLERANCE) {
                return new Fit(v, q, pooled, pairWeight, multiplicity);
            }
        }
        throw new IllegalStateException("FQE did not converge in " + MAX_SWEEPS + " sweeps: under policy '"
                + policy.name() + "' the fitted model keeps some episodes from ending; use gamma < 1");
    }

    private double stateValue(int s, double[] v, double[] q, double[] pooled, double[] pairWeight,
            double[] pairReward, double[] probability) {
        double weightSum = 0;
        double weightedQ = 0;
        for (int p = stateStart[s]; p < stateStart[s + 1]; p++) {
            if (pairWeight[p] == 0) {
                continue;
            }
            double value = pairReward[p];
            for (int x = pairStart[p]; x < pairStart[p + 1]; x++) {
                int next = tripleNext[x];
                if (next >= 0) {
                    value += gamma * probability[x] * v[next];
                }
            }
            q[p] = value;
            weightSum += pairWeight[p];
            weightedQ += pairWeight[p] * value;
        }
        if (weightSum == 0) {
            pooled[s] = 0;
            return 0;
        }
        double stateQ = weightedQ / weightSum;
        pooled[s] = stateQ;
        double seenMass = 0;
        double value = 0;
        for (int p = stateStart[s]; p < stateStart[s + 1]; p++) {
            double n = pairWeight[p];
            if (n == 0) {
                continue;
            }
            q[p] = (n * q[p] + priorCount * stateQ) / (n + priorCount);
            double prob = pi[s][pairAction[p]];
            seenMass += prob;
            value += prob * q[p];
        }
        return value + (1 - seenMass) * stateQ;
    }

    /** Discount factor. */
    public double gamma() {
        return gamma;
    }

    /**
     * One fit: state values, Q of every logged (state, action) pair, and the multiplicities it used.
     */
    public final class Fit {
        private final double[] v;
        private final double[] q;
        private final double[] pooled;
        private final double[] pairWeight;
        private final double[] multiplicity;

        private Fit(double[] v, double[] q, double[] pooled, double[] pairWeight, double[] multiplicity) {
            this.v = v;
            this.q = q;
            this.pooled = pooled;
            this.pairWeight = pairWeight;
            this.multiplicity = multiplicity;
        }

        /** The policy value: the mean fitted V of the trajectories' first states (weighted by multiplicity). */
        public double value() {
            double sum = 0;
            double n = 0;
            for (int i = 0; i < firstState.length; i++) {
                sum += multiplicity[i] * v[firstState[i]];
                n += multiplicity[i];
            }
            return sum / n;
        }

        /** The fitted V of {@code state} (0 for states not in the data). */
        public double stateValue(int state) {
            return state < v.length ? v[state] : 0.0;
        }

        /** The full Q-table (shrunk), with {@code Q_state(s)} for actions never logged in {@code s}. */
        public TabularQModel qModel() {
            double[][] table = new double[numStates][numActions];
            for (int s = 0; s < numStates; s++) {
                java.util.Arrays.fill(table[s], pooled[s]);
                for (int p = stateStart[s]; p < stateStart[s + 1]; p++) {
                    if (pairWeight[p] > 0) {
                        table[s][pairAction[p]] = q[p];
                    }
                }
            }
            return new TabularQModel(table, "tabular FQE of '" + policy.name() + "', gamma " + gamma
                    + ", prior count " + priorCount);
        }
    }
}
