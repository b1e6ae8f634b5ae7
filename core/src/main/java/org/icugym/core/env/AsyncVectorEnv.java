package org.icugym.core.env;

import java.util.concurrent.CompletionStage;
import org.icugym.core.random.Rng;

/**
 * The optional asynchronous capability of a {@link VectorEnv}: a step that waits for work done
 * elsewhere (e.g. a world-model forward pass batched across many sessions) without blocking the
 * caller's thread.
 *
 * <p>{@link #stepAsync} has the same contract as {@link VectorEnv#step}, except that the output
 * arrays may be written on another thread until the returned stage completes. The caller must not
 * touch the environments, the arrays or the random streams in between; once the stage has
 * completed, every write is visible to whoever observes the completion. {@link VectorSession}
 * drives it through {@link VectorSession#stepAsync}; environments without this capability keep
 * the synchronous path.
 */
public interface AsyncVectorEnv extends VectorEnv {

    /**
     * Starts stepping every active environment; see {@link VectorEnv#step} for the arguments.
     *
     * @return completes (on any thread) once every output row has been written; fails with an
     *     {@link EnvException} or another exception if the step could not be done
     */
    CompletionStage<Void> stepAsync(int[] actions, boolean[] active, Rng[] rngs, float[] obs, float[] rewards,
            boolean[] terminated, InfoBuffer infos);

    /** Steps synchronously: starts {@link #stepAsync} and waits for it (for callers without an event loop). */
    @Override
    default void step(int[] actions, boolean[] active, Rng[] rngs, float[] obs, float[] rewards,
            boolean[] terminated, InfoBuffer infos) {
        Async.join(stepAsync(actions, active, rngs, obs, rewards, terminated, infos));
    }
}
