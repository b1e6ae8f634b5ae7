package org.icugym.core.env;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.icugym.core.random.Rng;

/**
 * The optional forecasting capability of a {@link VectorEnv}: predicts what candidate action plans
 * would do from one environment's current state, without changing that state or its random stream.
 *
 * <p>A reference simulator answers with its own forecast (ground truth, no ensemble
 * disagreement); a learned world model answers with its prediction. Both use the same
 * {@link Forecast} layout so they can be compared. Calls come through
 * {@link VectorSession#simulate}, which has already validated the plans' shape and actions.
 */
public interface Simulatable {

    /** Names of the F forecast features, in the order of {@link CandidateForecast#featureMean()} columns. */
    List<String> forecastFeatures();

    /** Names of the R safety flags, in the order of {@link CandidateForecast#flagRate()} columns. */
    List<String> forecastFlags();

    /** Whether forecasts come from the true dynamics (a reference simulator) rather than a model. */
    boolean groundTruth();

    /**
     * Rolls every plan forward {@code numSamples} times from environment {@code env}'s current
     * state, drawing only from {@code rng}.
     *
     * @param env environment index, 0..numEnvs-1
     * @param plans K plans of H valid actions each
     * @param numSamples samples per plan, >= 1
     * @param rng the random stream of this call (never the environment's own)
     * @return one forecast per plan, in order
     * @throws EnvException FAILED_PRECONDITION if the environment has not been reset or its episode is over
     */
    Forecast simulate(int env, int[][] plans, int numSamples, Rng rng);

    /**
     * The same forecast without blocking the caller: environments whose forecast waits for work
     * done elsewhere (a batched world model) override it; the default computes {@link #simulate}
     * on the calling thread. Validation errors may be thrown directly or fail the stage. The
     * environment's state must not be changed until the stage completes.
     */
    default CompletionStage<Forecast> simulateAsync(int env, int[][] plans, int numSamples, Rng rng) {
        return CompletableFuture.completedFuture(simulate(env, plans, numSamples, rng));
    }
}
