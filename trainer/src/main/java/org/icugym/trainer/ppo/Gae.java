package org.icugym.trainer.ppo;

/**
 * Generalized advantage estimation (Schulman et al. 2016) over a time-major rollout of a vector of
 * environments, with CleanRL's conventions and correct time limits: an episode that ends by
 * termination bootstraps from zero, one that ends by truncation bootstraps from the value of its
 * final observation, and in both cases the λ-chain stops at the episode boundary.
 *
 * <p>Arrays are indexed {@code [t * numEnvs + i]} for step {@code t} of environment {@code i}.
 */
public final class Gae {
    private Gae() {
    }

    /** Advantages and the value targets ({@code advantages + values}) of one rollout. */
    public record Result(float[] advantages, float[] returns) {
    }

    /**
     * Computes advantages and returns.
     *
     * @param rewards     reward of each step
     * @param values      value estimate of the observation each step acted on
     * @param terminated  whether the step ended its episode by termination (no bootstrap)
     * @param truncated   whether the step ended its episode by truncation (bootstrap from {@code finalValues})
     * @param finalValues value of the final observation of truncated steps (ignored elsewhere)
     * @param lastValues  value of each environment's observation after the last step, {@code [numEnvs]}
     * @param gamma       discount factor in [0, 1]
     * @param lambda      GAE λ in [0, 1]
     * @throws IllegalArgumentException if lengths disagree or γ/λ lie outside [0, 1]
     */
    public static Result compute(float[] rewards, float[] values, boolean[] terminated, boolean[] truncated,
            float[] finalValues, float[] lastValues, double gamma, double lambda) {
        int numEnvs = lastValues.length;
        int n = rewards.length;
        if (numEnvs == 0 || n % numEnvs != 0 || values.length != n || terminated.length != n
                || truncated.length != n || finalValues.length != n) {
            throw new IllegalArgumentException("GAE inputs must all have T * numEnvs entries (numEnvs = lastValues.length = "
                    + numEnvs + ", rewards " + n + ", values " + values.length + ", terminated " + terminated.length
                    + ", truncated " + truncated.length + ", finalValues " + finalValues.length + ")");
        }
        if (!(gamma >= 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("gamma and lambda must lie in [0, 1], got gamma=" + gamma + ", lambda=" + lambda);
        }
        int steps = n / numEnvs;
        float[] advantages = new float[n];
        float[] returns = new float[n];
        for (int i = 0; i < numEnvs; i++) {
            double next = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int k = t * numEnvs + i;
                double nextValue;
                if (terminated[k]) {
                    nextValue = 0;
                } else if (truncated[k]) {
                    nextValue = finalValues[k];
                } else {
                    nextValue = t == steps - 1 ? lastValues[i] : values[k + numEnvs];
                }
                boolean ended = terminated[k] || truncated[k];
                double delta = rewards[k] + gamma * nextValue - values[k];
                double adv = delta + (ended ? 0 : gamma * lambda * next);
                advantages[k] = (float) adv;
                returns[k] = (float) (adv + values[k]);
                next = adv;
            }
        }
        return new Result(advantages, returns);
    }

    /**
     * The fraction of the variance of {@code targets} that {@code predictions} explain,
     * {@code 1 - Var(targets - predictions) / Var(targets)}; NaN when the targets do not vary.
     */
    public static double explainedVariance(float[] predictions, float[] targets) {
        double varY = variance(targets, null);
        return varY == 0 ? Double.NaN : 1 - variance(targets, predictions) / varY;
    }

    private static double variance(float[] y, float[] minus) {
        double mean = 0;
        for (int k = 0; k < y.length; k++) {
            mean += y[k] - (minus == null ? 0 : minus[k]);
        }
        mean /= y.length;
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            double d = y[k] - (minus == null ? 0 : minus[k]) - mean;
            s += d * d;
        }
        return s / y.length;
    }
}
