package org.icugym.core.envs.icusepsis;

/**
 * Exact dynamic programming on the ICU-Sepsis MDP, undiscounted: policy evaluation (expected
 * return and episode length from d_0) and value iteration for the optimal policy. The states
 * 713-715 are terminal (value 0). These give the true values that Monte-Carlo rollouts and
 * off-policy estimators are checked against: about 0.78 for the uniform random and the expert
 * policy and 0.875 for the optimal one.
 *
 * <p>Both solve by Gauss-Seidel sweeps until no state value changes by more than
 * {@link #TOLERANCE}. The episode cap of 500 steps is ignored (its effect is far below the
 * tolerance of the published values). Thread-safe.
 */
public final class IcuSepsisMdp {
    /** Convergence threshold on the largest change of a state value in one sweep. */
    public static final double TOLERANCE = 1e-12;
    /** Sweeps after which a solve gives up (a policy that may never end its episodes). */
    public static final int MAX_SWEEPS = 100_000;

    private final IcuSepsisData data;
    private final SparseTransitions p;

    /** Dynamic programming on {@code data}. */
    public IcuSepsisMdp(IcuSepsisData data) {
        this.data = data;
        this.p = data.transitions();
    }

    /**
     * An optimal policy and its values.
     *
     * @param value optimal expected return from d_0
     * @param stateValues optimal expected return from each state
     * @param actions a greedy optimal action of each state (0 for terminal states)
     * @param numActions number of actions of the MDP
     */
    public record Solution(double value, double[] stateValues, int[] actions, int numActions) {
        /** The optimal policy as a deterministic {@code [state][action]} matrix. */
        public double[][] policy() {
            double[][] m = new double[actions.length][numActions];
            for (int s = 0; s < actions.length; s++) {
                m[s][actions[s]] = 1.0;
            }
            return m;
        }
    }

    /** The expected undiscounted return from d_0 of {@code policy} ({@code [state][action]} probabilities). */
    public double evaluate(double[][] policy) {
        return dot(data.initialDistribution(), stateValues(policy));
    }

    /** The expected return of {@code policy} from every state (0 for 713-715). */
    public double[] stateValues(double[][] policy) {
        checkPolicy(policy);
        return solve(policy, false);
    }

    /** The expected number of steps per episode of {@code policy}, starting from d_0. */
    public double expectedEpisodeLength(double[][] policy) {
        checkPolicy(policy);
        return dot(data.initialDistribution(), solve(policy, true));
    }

    /** Value iteration: the optimal expected return from d_0, the optimal values and a greedy policy. */
    public Solution valueIteration() {
        int n = p.numStates();
        double[] v = new double[n];
        int[] best = new int[n];
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double delta = 0;
            for (int s = 0; s < n; s++) {
                if (IcuSepsisData.isTerminal(s)) {
                    continue;
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int a = 0; a < p.numActions(); a++) {
                    double q = p.expectedValue(s, a, v);
                    if (q > max) {
                        max = q;
                        best[s] = a;
                    }
                }
                delta = Math.max(delta, Math.abs(max - v[s]));
                v[s] = max;
            }
            if (delta < TOLERANCE) {
                return new Solution(dot(data.initialDistribution(), v), v, best, p.numActions());
            }
        }
        throw new IllegalStateException("value iteration did not converge in " + MAX_SWEEPS + " sweeps");
    }

    private double[] solve(double[][] policy, boolean countSteps) {
        int n = p.numStates();
        double[] v = new double[n];
        double[] zeros = new double[n];
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double delta = 0;
            for (int s = 0; s < n; s++) {
                if (IcuSepsisData.isTerminal(s)) {
                    continue;
                }
                double value = 0;
                for (int a = 0; a < p.numActions(); a++) {
                    double pi = policy[s][a];
                    if (pi != 0) {
                        value += pi * (countSteps ? 1 + expectedNext(s, a, v) : p.expectedValue(s, a, v));
                    }
                }
                delta = Math.max(delta, Math.abs(value - v[s]));
                v[s] = value;
            }
            if (delta < TOLERANCE) {
                return v;
            }
        }
        throw new IllegalStateException("policy evaluation did not converge in " + MAX_SWEEPS
                + " sweeps: does the policy keep some episodes from ever ending?");
    }

    private double expectedNext(int s, int a, double[] v) {
        return p.expectedValue(s, a, v) - p.expectedReward(s, a);
    }

    private void checkPolicy(double[][] policy) {
        if (policy.length != p.numStates()) {
            throw new IllegalArgumentException("policy has " + policy.length + " rows: expected one per state ("
                    + p.numStates() + ")");
        }
        for (int s = 0; s < p.numStates(); s++) {
            if (policy[s].length != p.numActions()) {
                throw new IllegalArgumentException("policy row " + s + " has " + policy[s].length
                        + " entries: expected " + p.numActions());
            }
            if (IcuSepsisData.isTerminal(s)) {
                continue;
            }
            double sum = 0;
            for (double x : policy[s]) {
                if (!(x >= 0)) {
                    throw new IllegalArgumentException("policy row " + s + " has a negative or NaN probability");
                }
                sum += x;
            }
            if (Math.abs(sum - 1) > 1e-6) {
                throw new IllegalArgumentException("policy row " + s + " sums to " + sum + ": expected 1");
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
