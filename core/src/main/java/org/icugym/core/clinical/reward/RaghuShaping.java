package org.icugym.core.clinical.reward;

/**
 * The intermediate reward of Raghu et al. 2017 ("Deep reinforcement learning for sepsis
 * treatment", NeurIPS ML4H workshop), as used by SepsisAgent:
 * {@code −0.025·[SOFA' = SOFA and SOFA' > 0] − 0.125·(SOFA' − SOFA) − 2·tanh(lactate' − lactate)}.
 *
 * <p>It penalises a persisting organ failure, rewards SOFA falling and lactate falling. A
 * missing lactate at either step drops the lactate term (0) rather than inventing a change.
 */
public final class RaghuShaping {
    /** Weight of the "SOFA unchanged and above 0" indicator (per step). */
    public static final double UNCHANGED_SOFA_WEIGHT = -0.025;
    /** Weight of the SOFA change (per point). */
    public static final double SOFA_CHANGE_WEIGHT = -0.125;
    /** Weight of tanh of the lactate change (lactate in mmol/L). */
    public static final double LACTATE_CHANGE_WEIGHT = -2.0;
    /** The lowest value of the shaping term: SOFA 0 → 24 and a large lactate rise. */
    public static final double MIN = SOFA_CHANGE_WEIGHT * 24 + LACTATE_CHANGE_WEIGHT;
    /** The highest value of the shaping term: SOFA 24 → 0 and a large lactate fall. */
    public static final double MAX = -SOFA_CHANGE_WEIGHT * 24 - LACTATE_CHANGE_WEIGHT;

    private RaghuShaping() {}

    /**
     * The shaping reward of one transition.
     *
     * @param before state at the start of the step
     * @param after state at the end of the step
     * @return the reward, within [{@link #MIN}, {@link #MAX}]
     */
    public static double of(RewardState before, RewardState after) {
        int deltaSofa = after.sofa() - before.sofa();
        double unchanged = deltaSofa == 0 && after.sofa() > 0 ? 1 : 0;
        double deltaLactate = after.lactate() - before.lactate();
        double lactateTerm = Double.isNaN(deltaLactate) ? 0 : Math.tanh(deltaLactate);
        return UNCHANGED_SOFA_WEIGHT * unchanged + SOFA_CHANGE_WEIGHT * deltaSofa + LACTATE_CHANGE_WEIGHT * lactateTerm;
    }
}
