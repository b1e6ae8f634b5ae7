package org.icugym.evaluation.policy;

import org.icugym.evaluation.data.InvalidDatasetException;

/**
 * A policy given as a {@code [state][action]} probability matrix. Rows that are all zero (terminal
 * states of an MDP) are allowed but fail when queried, since a logged step never starts there.
 */
public final class TabularPolicy implements DiscreteStatePolicy {
    private static final double SUM_TOLERANCE = 1e-6;

    private final double[][] matrix;
    private final String name;

    /** A policy named {@code name} with {@code matrix[s][a]} = pi(a | s); the matrix is copied. */
    public TabularPolicy(String name, double[][] matrix) {
        if (matrix == null || matrix.length == 0 || matrix[0].length == 0) {
            throw new InvalidDatasetException("policy '" + name + "' has an empty probability matrix");
        }
        this.name = name;
        this.matrix = new double[matrix.length][];
        int actions = matrix[0].length;
        for (int s = 0; s < matrix.length; s++) {
            if (matrix[s].length != actions) {
                throw new InvalidDatasetException("policy '" + name + "' row " + s + " has " + matrix[s].length
                        + " actions: expected " + actions + " like row 0");
            }
            double sum = 0;
            for (double p : matrix[s]) {
                if (!(p >= 0)) {
                    throw new InvalidDatasetException("policy '" + name + "' row " + s
                            + " has a negative or NaN probability");
                }
                sum += p;
            }
            if (sum != 0 && Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new InvalidDatasetException("policy '" + name + "' row " + s + " sums to " + sum
                        + ": expected 1 (or 0 for a terminal state)");
            }
            this.matrix[s] = matrix[s].clone();
        }
    }

    /** The uniform random policy over {@code numActions} actions in {@code numStates} states. */
    public static TabularPolicy uniform(int numStates, int numActions) {
        double[][] m = new double[numStates][numActions];
        for (double[] row : m) {
            java.util.Arrays.fill(row, 1.0 / numActions);
        }
        return new TabularPolicy("random", m);
    }

    /** The deterministic policy taking {@code actions[s]} in state {@code s}. */
    public static TabularPolicy deterministic(String name, int[] actions, int numActions) {
        double[][] m = new double[actions.length][numActions];
        for (int s = 0; s < actions.length; s++) {
            m[s][actions[s]] = 1;
        }
        return new TabularPolicy(name, m);
    }

    @Override
    public double[] probabilities(int state) {
        if (state < 0 || state >= matrix.length) {
            throw new InvalidDatasetException("policy '" + name + "' has no row for state " + state + ": it covers [0, "
                    + matrix.length + ")");
        }
        return matrix[state].clone();
    }

    /** pi(action | state) without copying the row. */
    public double probability(int state, int action) {
        return matrix[state][action];
    }

    /** Number of states covered. */
    public int numStates() {
        return matrix.length;
    }

    /** The {@code [state][action]} matrix; a copy. */
    public double[][] matrix() {
        double[][] copy = new double[matrix.length][];
        for (int s = 0; s < matrix.length; s++) {
            copy[s] = matrix[s].clone();
        }
        return copy;
    }

    @Override
    public int numActions() {
        return matrix[0].length;
    }

    @Override
    public String name() {
        return name;
    }
}
