package org.icugym.agent.dqn;

import org.icugym.agent.PolicyException;

/**
 * Logged transitions {@code (s, a, r, s', terminal)} for offline Q-learning, row-major float
 * arrays of {@code size} rows of {@code stateSize} values. After a terminal transition the value is
 * 0 and {@code next} is ignored (write zeros).
 *
 * @param stateSize length of one state row (>= 1)
 * @param states {@code size × stateSize} values
 * @param actions the action taken in each row, in [0, numActions)
 * @param rewards the reward of each row
 * @param next {@code size × stateSize} values of the following state
 * @param terminal whether the row ends its episode
 */
public record OfflineTransitions(int stateSize, float[] states, int[] actions, float[] rewards, float[] next,
        boolean[] terminal) {

    /** Checks shapes and values. */
    public OfflineTransitions {
        int n = actions.length;
        if (stateSize < 1 || n < 1) {
            throw invalid("need at least one transition of at least one value, got " + n + " of " + stateSize);
        }
        if (states.length != n * stateSize || next.length != n * stateSize || rewards.length != n
                || terminal.length != n) {
            throw invalid("arrays of " + n + " transitions of " + stateSize + " values need " + n * stateSize
                    + " state values, got " + states.length + " and " + next.length + ", and " + n
                    + " rewards and terminal flags, got " + rewards.length + " and " + terminal.length);
        }
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(rewards[i])) {
                throw invalid("reward of transition " + i + " is " + rewards[i]);
            }
        }
        for (int i = 0; i < states.length; i++) {
            if (!Float.isFinite(states[i]) || !Float.isFinite(next[i])) {
                throw invalid("state value " + i + " is not finite: impute missing values first");
            }
        }
    }

    /** Number of transitions. */
    public int size() {
        return actions.length;
    }

    private static PolicyException invalid(String why) {
        return new PolicyException(PolicyException.Code.INVALID_INPUT, "bad offline transitions: " + why);
    }
}
