package org.icugym.trainer.ppo;

import org.icugym.trainer.CborSerializable;

/**
 * One rollout of a vector of environments, time-major ({@code [t * numEnvs + i]}), tagged with the
 * version of the policy that acted.
 *
 * @param policyVersion  version of the policy that chose the actions
 * @param numEnvs        environments in the vector
 * @param numSteps       steps per environment
 * @param obsDim         width of one encoded observation
 * @param observations   encoded observations acted on, {@code [T * N * obsDim]}
 * @param actions        actions taken
 * @param logProbs       log-probabilities of the actions under the acting policy
 * @param values         value estimates of the acting policy
 * @param rewards        rewards
 * @param terminated     episode ended by termination
 * @param truncated      episode ended by truncation
 * @param finalValues    value of the final observation where truncated, else 0
 * @param lastValues     value of each environment's observation after the rollout, {@code [N]}
 * @param episodeReturns undiscounted returns of the episodes that ended in this rollout
 * @param episodeLengths lengths of those episodes
 */
public record TrajectoryBatch(long policyVersion, int numEnvs, int numSteps, int obsDim, float[] observations,
        int[] actions, float[] logProbs, float[] values, float[] rewards, boolean[] terminated, boolean[] truncated,
        float[] finalValues, float[] lastValues, float[] episodeReturns, int[] episodeLengths) implements CborSerializable {

    /** Steps in the batch. */
    public int size() {
        return numEnvs * numSteps;
    }
}
