package org.icugym.trainer.checkpoint;

import java.util.Map;
import org.icugym.trainer.ppo.Adam;

/**
 * Everything a learner needs to continue a run exactly where it was checkpointed, taken at an update
 * boundary. Random streams are not stored: the minibatch order of update {@code u}, the action
 * sampling of the rollout with policy version {@code v} and the environment seeds of a rollout that
 * resets are all derived from the run's seed and {@code u} or {@code v} (see {@code ppo.Seeds}), so
 * the counters below determine them.
 *
 * @param update          PPO updates made (the next update is {@code update + 1})
 * @param globalStep      environment steps consumed
 * @param policyVersion   version of the policy in {@code weights}
 * @param rejected        trajectory batches rejected as too stale so far
 * @param metricsBytes    length of {@code metrics.jsonl} after this update's line; a resumed run truncates to it
 * @param elapsedSeconds  wall-clock training time so far (for steps per second)
 * @param weights         policy weights ({@code ActorCriticNetwork#weights})
 * @param optimizer       Adam's step count and moments
 * @param hyperparameters the run's hyperparameters ({@code PpoSettings#asMap}, values as JSON scalars)
 */
public record Checkpoint(long update, long globalStep, long policyVersion, int rejected, long metricsBytes,
        double elapsedSeconds, byte[] weights, Adam.State optimizer, Map<String, Object> hyperparameters) {

    /** Checks the counters. */
    public Checkpoint {
        if (update < 0 || globalStep < 0 || policyVersion < 0 || rejected < 0 || metricsBytes < 0) {
            throw new IllegalArgumentException("checkpoint counters must be >= 0");
        }
        if (weights == null || weights.length == 0 || optimizer == null) {
            throw new IllegalArgumentException("a checkpoint needs the policy weights and the optimizer state");
        }
        hyperparameters = hyperparameters == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hyperparameters));
    }
}
