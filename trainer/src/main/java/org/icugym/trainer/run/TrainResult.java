package org.icugym.trainer.run;

import java.util.List;

/**
 * What a finished run reports.
 *
 * @param globalSteps environment steps consumed
 * @param updates     PPO updates made
 * @param rejected    trajectory batches rejected as too stale
 * @param sps         environment steps per second over the run
 * @param episodes    every finished episode in order
 * @param weights     final policy weights ({@code ActorCriticNetwork#weights})
 * @param times       time in env stepping, inference and learning on this node (since the start or resume)
 */
public record TrainResult(long globalSteps, long updates, int rejected, double sps, List<Episode> episodes, byte[] weights,
        TimeBreakdown.Totals times) {
    /** One finished episode: the global step at which its batch was consumed, its return and length. */
    public record Episode(long globalStep, double episodicReturn, int length) {
    }

    /** Mean return of the first {@code k} episodes (fewer if there are fewer); NaN with none. */
    public double meanReturnFirst(int k) {
        return episodes.stream().limit(k).mapToDouble(Episode::episodicReturn).average().orElse(Double.NaN);
    }

    /** Mean return of the last {@code k} episodes (fewer if there are fewer); NaN with none. */
    public double meanReturnLast(int k) {
        return episodes.stream().skip(Math.max(0, episodes.size() - k)).mapToDouble(Episode::episodicReturn)
                .average().orElse(Double.NaN);
    }
}
