package org.icugym.core.env;

/**
 * The outcome of one vectorized step: a snapshot, safe to hand to another thread.
 *
 * @param observations {@code numEnvs × obsDim} floats, row-major
 * @param rewards one reward per environment
 * @param terminated the episode reached a terminal state
 * @param truncated the episode hit the time limit
 * @param infos step infos
 * @param finalObservations {@link AutoresetMode#SAME_STEP} only: last observation of episodes that
 *     ended this step (rows where {@code finalMask} is false are zero); {@code null} otherwise
 * @param finalMask {@link AutoresetMode#SAME_STEP} only: which rows of the final fields are set
 * @param finalInfos {@link AutoresetMode#SAME_STEP} only: last infos of episodes that ended
 */
public record StepResult(
        float[] observations,
        float[] rewards,
        boolean[] terminated,
        boolean[] truncated,
        InfoBuffer infos,
        float[] finalObservations,
        boolean[] finalMask,
        InfoBuffer finalInfos) {

    /** Number of environments. */
    public int numEnvs() {
        return rewards.length;
    }
}
