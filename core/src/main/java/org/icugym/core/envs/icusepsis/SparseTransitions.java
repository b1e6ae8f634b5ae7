package org.icugym.core.envs.icusepsis;

import java.util.Arrays;
import org.icugym.core.random.Rng;

/**
 * The transition kernel P(s' | s, a) and transition rewards r(s, a, s') of a tabular MDP, stored
 * sparsely in compressed-sparse-row form: row {@code s * numActions + a} lists its successor
 * states in increasing order with their cumulative probabilities, so one successor is drawn with
 * a binary search ({@link Rng#sampleCdf}). Immutable and thread-safe.
 *
 * <p>Entries are addressed by an index {@code k} in {@code [start(s, a), end(s, a))}. Only the
 * cumulative probabilities are stored (a probability is the difference of two neighbours), which
 * keeps the 1.5 million entries of ICU-Sepsis at about 30 MB.
 */
public final class SparseTransitions {
    private final int numStates;
    private final int numActions;
    private final int[] rowStart;
    private final int[] successor;
    private final double[] cumulative;
    private final double[] reward;

    SparseTransitions(int numStates, int numActions, int[] rowStart, int[] successor, double[] cumulative,
            double[] reward) {
        this.numStates = numStates;
        this.numActions = numActions;
        this.rowStart = rowStart;
        this.successor = successor;
        this.cumulative = cumulative;
        this.reward = reward;
    }

    /** Number of states. */
    public int numStates() {
        return numStates;
    }

    /** Number of actions. */
    public int numActions() {
        return numActions;
    }

    /** Number of stored (non-zero probability) transitions. */
    public int nonZeros() {
        return successor.length;
    }

    /** First entry index of (s, a). */
    public int start(int s, int a) {
        return rowStart[s * numActions + a];
    }

    /** One past the last entry index of (s, a). */
    public int end(int s, int a) {
        return rowStart[s * numActions + a + 1];
    }

    /** The successor state of entry {@code k}. */
    public int successor(int k) {
        return successor[k];
    }

    /** The probability of entry {@code k}. */
    public double probability(int k) {
        return isRowStart(k) ? cumulative[k] : cumulative[k] - cumulative[k - 1];
    }

    /** The cumulative probability of entry {@code k} within its row (the last entry's is the row's total). */
    public double cumulative(int k) {
        return cumulative[k];
    }

    /** The reward of the transition of entry {@code k}. */
    public double reward(int k) {
        return reward[k];
    }

    /** Draws a successor of (s, a) from {@code rng}; returns its entry index. */
    public int sample(int s, int a, Rng rng) {
        return rng.sampleCdf(cumulative, start(s, a), end(s, a));
    }

    /** P(next | s, a); 0 for successors not stored. */
    public double probability(int s, int a, int next) {
        int from = start(s, a);
        int k = Arrays.binarySearch(successor, from, end(s, a), next);
        return k < 0 ? 0.0 : probability(k);
    }

    /** The expected reward of taking {@code a} in {@code s}: sum over s' of P(s'|s,a) r(s,a,s'). */
    public double expectedReward(int s, int a) {
        double r = 0;
        double previous = 0;
        for (int k = start(s, a); k < end(s, a); k++) {
            r += (cumulative[k] - previous) * reward[k];
            previous = cumulative[k];
        }
        return r;
    }

    /**
     * The expected value of taking {@code a} in {@code s}: sum over s' of
     * P(s'|s,a) (r(s,a,s') + values[s']).
     */
    public double expectedValue(int s, int a, double[] values) {
        double q = 0;
        double previous = 0;
        for (int k = start(s, a), end = end(s, a); k < end; k++) {
            double c = cumulative[k];
            q += (c - previous) * (reward[k] + values[successor[k]]);
            previous = c;
        }
        return q;
    }

    /** Row (s, a) as a dense array of {@code numStates} probabilities. */
    public double[] denseRow(int s, int a) {
        double[] row = new double[numStates];
        double previous = 0;
        for (int k = start(s, a); k < end(s, a); k++) {
            row[successor[k]] = cumulative[k] - previous;
            previous = cumulative[k];
        }
        return row;
    }

    private boolean isRowStart(int k) {
        return Arrays.binarySearch(rowStart, k) >= 0;
    }
}
