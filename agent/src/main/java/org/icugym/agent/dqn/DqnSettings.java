package org.icugym.agent.dqn;

import java.util.Arrays;
import java.util.Locale;
import org.icugym.agent.PolicyException;

/**
 * Hyperparameters of offline dueling double DQN training.
 *
 * @param hidden widths of the hidden layers
 * @param numActions number of discrete actions
 * @param gamma discount in (0, 1]
 * @param learningRate Adam learning rate
 * @param batchSize transitions per gradient step
 * @param steps gradient steps
 * @param targetUpdateEvery gradient steps between copies of the online network into the target network
 * @param qLimit |Q| above which the regularisation term penalises (the reward's largest absolute return, e.g. 15)
 * @param qPenalty weight of the penalty {@code mean(max(|Q(s,a)| − qLimit, 0))}; 0 for none
 * @param gradientClip largest gradient norm per parameter array (Adam's clipping)
 * @param seed seed of the initial weights and the minibatch draws
 */
public record DqnSettings(int[] hidden, int numActions, double gamma, double learningRate, int batchSize, int steps,
        int targetUpdateEvery, double qLimit, double qPenalty, double gradientClip, long seed) {

    /** Checks the ranges. */
    public DqnSettings {
        hidden = hidden.clone();
        if (hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw invalid("hidden layer widths must be >= 1, got " + Arrays.toString(hidden));
        }
        if (numActions < 2 || batchSize < 1 || steps < 1 || targetUpdateEvery < 1) {
            throw invalid("actions >= 2, batch size, steps and target update period >= 1 needed, got " + numActions
                    + ", " + batchSize + ", " + steps + ", " + targetUpdateEvery);
        }
        if (!(gamma > 0 && gamma <= 1) || !(learningRate > 0) || !(qLimit > 0) || !(qPenalty >= 0)
                || !(gradientClip > 0)) {
            throw invalid("gamma in (0, 1], learning rate, Q limit and gradient clip > 0, Q penalty >= 0 needed");
        }
    }

    /**
     * Raghu et al. (2017)'s setting for the sepsis reward with ±15 terminal rewards: two hidden
     * layers of 128, gamma 0.99, Adam 1e-4, Q-values penalised beyond ±15 (weight 5); batch 64,
     * target copied every 500 steps.
     *
     * @param numActions number of actions (25 for sepsis)
     * @param steps gradient steps
     * @param seed seed
     */
    public static DqnSettings raghu(int numActions, int steps, long seed) {
        return new DqnSettings(new int[] {128, 128}, numActions, 0.99, 1e-4, 64, steps, 500, 15, 5, 10, seed);
    }

    /** These settings with another number of gradient steps. */
    public DqnSettings withSteps(int n) {
        return new DqnSettings(hidden, numActions, gamma, learningRate, batchSize, n, targetUpdateEvery, qLimit,
                qPenalty, gradientClip, seed);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** One line with every hyperparameter, for logs and reports. */
    public String describe() {
        return String.format(Locale.ROOT, "hidden %s, gamma %s, Adam lr %s, batch %d, %d steps, target every %d, "
                + "Q limit %s (penalty %s), gradient clip %s, seed %d", Arrays.toString(hidden), gamma, learningRate,
                batchSize, steps, targetUpdateEvery, qLimit, qPenalty, gradientClip, seed);
    }

    private static PolicyException invalid(String why) {
        return new PolicyException(PolicyException.Code.INVALID_INPUT, "bad DQN settings: " + why);
    }
}
