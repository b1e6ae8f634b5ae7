package org.icugym.agent;

import org.icugym.core.random.Rng;

/**
 * The answer of a {@link Policy} for a batch of rows.
 *
 * @param actions chosen action per row
 * @param logProbs natural log of the chosen action's probability per row
 * @param values the critic's value estimate per row (0 for policies without a critic)
 * @param probs {@code rows × numActions} action probabilities, row-major
 * @param numActions number of actions (row width of {@code probs})
 */
public record PolicyOutput(long[] actions, float[] logProbs, float[] values, float[] probs, int numActions) {

    /** Number of rows. */
    public int rows() {
        return actions.length;
    }

    /**
     * Chooses actions from per-row logits (a numerically stable softmax), keeping the values.
     *
     * @param logits {@code rows × numActions} unnormalised log-probabilities
     * @param values value per row
     * @param deterministic per row: argmax (true) or sample (false)
     * @param rng random stream for sampling
     */
    public static PolicyOutput fromLogits(float[] logits, int numActions, float[] values, boolean[] deterministic,
            Rng rng) {
        int rows = values.length;
        long[] actions = new long[rows];
        float[] logProbs = new float[rows];
        float[] probs = new float[rows * numActions];
        for (int r = 0; r < rows; r++) {
            int off = r * numActions;
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < numActions; a++) {
                max = Math.max(max, logits[off + a]);
            }
            double sum = 0;
            for (int a = 0; a < numActions; a++) {
                sum += Math.exp(logits[off + a] - max);
            }
            double logZ = max + Math.log(sum);
            int chosen = deterministic[r] ? argmax(logits, off, numActions) : sample(logits, off, numActions, logZ, rng);
            for (int a = 0; a < numActions; a++) {
                probs[off + a] = (float) Math.exp(logits[off + a] - logZ);
            }
            actions[r] = chosen;
            logProbs[r] = (float) (logits[off + chosen] - logZ);
        }
        return new PolicyOutput(actions, logProbs, values, probs, numActions);
    }

    private static int argmax(float[] x, int off, int n) {
        int best = 0;
        for (int a = 1; a < n; a++) {
            if (x[off + a] > x[off + best]) {
                best = a;
            }
        }
        return best;
    }

    private static int sample(float[] logits, int off, int n, double logZ, Rng rng) {
        double u = rng.nextDouble();
        double cum = 0;
        for (int a = 0; a < n; a++) {
            cum += Math.exp(logits[off + a] - logZ);
            if (u < cum) {
                return a;
            }
        }
        return n - 1;
    }
}
