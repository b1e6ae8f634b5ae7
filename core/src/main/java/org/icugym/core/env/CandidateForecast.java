package org.icugym.core.env;

/**
 * The forecast of one candidate plan of H steps, as statistics over samples. Arrays are row-major
 * with one row per future step; a sample whose episode ended keeps its last features and mortality
 * risk and adds no reward or flags afterwards.
 *
 * @param horizon H, the number of steps
 * @param featureMean mean of each forecast feature after each step, [H × F], in the features' units
 * @param featureStd standard deviation across samples, [H × F]
 * @param mortalityRisk probability (0–1) of death, given the state after each step, [H]
 * @param rewardMean mean reward of each step, [H]
 * @param flagRate fraction of samples (0–1) raising each safety flag at each step, [H × R]
 * @param doneRate fraction of samples (0–1) whose episode has ended by each step, [H]
 * @param disagreement ensemble disagreement after each step (mean standardised std of member
 *     means), [H]; 0 for exact simulators
 */
public record CandidateForecast(int horizon, float[] featureMean, float[] featureStd, float[] mortalityRisk,
        float[] rewardMean, float[] flagRate, float[] doneRate, float[] disagreement) {

    /** Mean predicted cumulative reward of the plan (the sum of {@link #rewardMean}). */
    public double predictedReward() {
        double sum = 0;
        for (float r : rewardMean) {
            sum += r;
        }
        return sum;
    }

    /** Probability (0–1) of death by the end of the plan. */
    public double finalMortalityRisk() {
        return mortalityRisk[horizon - 1];
    }

    /** Mean ensemble disagreement over the plan's steps; 0 for exact simulators. */
    public double epistemicUncertainty() {
        double sum = 0;
        for (float d : disagreement) {
            sum += d;
        }
        return sum / horizon;
    }
}
