package org.icugym.core.clinical.reward;

import java.util.Objects;

/**
 * The reward of a sepsis transition: intermediate shaping on continuing steps and a terminal
 * survival reward when the episode ends.
 *
 * <p>The terminal reward replaces the shaping on the final transition (as in Raghu et al. 2017):
 * {@code +terminalReward} if the patient survives 90 days, {@code −terminalReward} if not.
 * Presets: {@link #RAGHU} (the default: shaping and ±15), {@link #TERMINAL_ONLY} (±15, 0 on
 * every other step) and {@link #TERMINAL_100} (±100, 0 on every other step, as in the AI
 * Clinician).
 *
 * @param intermediateShaping whether continuing steps get {@link RaghuShaping}; otherwise 0
 * @param terminalReward magnitude of the terminal reward, &gt; 0
 */
public record SepsisReward(boolean intermediateShaping, double terminalReward) {

    /** Raghu shaping with ±15 terminal reward (the default). */
    public static final SepsisReward RAGHU = new SepsisReward(true, 15);
    /** Terminal reward ±15 only. */
    public static final SepsisReward TERMINAL_ONLY = new SepsisReward(false, 15);
    /** Terminal reward ±100 only. */
    public static final SepsisReward TERMINAL_100 = new SepsisReward(false, 100);

    /** Validates the terminal magnitude. */
    public SepsisReward {
        if (!(terminalReward > 0) || Double.isInfinite(terminalReward)) {
            throw new IllegalArgumentException("terminal reward must be positive and finite, got " + terminalReward);
        }
    }

    /**
     * The reward of one transition.
     *
     * @param before state at the start of the step
     * @param after state at the end of the step
     * @param outcome whether the step ends the episode and how
     */
    public double reward(RewardState before, RewardState after, Outcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        return switch (outcome) {
            case SURVIVED -> terminalReward;
            case DIED -> -terminalReward;
            case CONTINUING -> intermediateShaping ? RaghuShaping.of(before, after) : 0;
        };
    }

    /** The lowest reward of any transition. */
    public double minReward() {
        return Math.min(-terminalReward, intermediateShaping ? RaghuShaping.MIN : 0);
    }

    /** The highest reward of any transition. */
    public double maxReward() {
        return Math.max(terminalReward, intermediateShaping ? RaghuShaping.MAX : 0);
    }
}
