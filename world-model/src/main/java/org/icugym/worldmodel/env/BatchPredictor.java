package org.icugym.worldmodel.env;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.icugym.worldmodel.inference.Prediction;
import org.icugym.worldmodel.inference.WorldModel;

/**
 * Where a world-model environment sends its forward passes: a batch of encoded input rows, each
 * with the ensemble member that should predict it.
 *
 * <p>A server implements it with inference workers that merge the requests of many sessions into
 * one forward pass; {@link #direct} runs them in the calling thread (tests, benchmarks, tools).
 * Implementations are thread-safe. The returned stage may complete on any thread.
 */
@FunctionalInterface
public interface BatchPredictor {

    /**
     * Predicts {@code rows} rows.
     *
     * @param inputs {@code rows × inputSize} rows encoded with the model's {@link WorldModel#encoding()}
     * @param memberOfRow the member of each row (0..members-1)
     * @param rows number of rows, &gt;= 1
     * @return the prediction of every row, in order
     */
    CompletionStage<Prediction> predict(float[] inputs, int[] memberOfRow, int rows);

    /** Runs each request on the calling thread with {@code model} (serialised: a model is not thread-safe). */
    static BatchPredictor direct(WorldModel model) {
        return (inputs, members, rows) -> {
            synchronized (model) {
                try {
                    return CompletableFuture.completedFuture(model.predict(members, inputs, rows));
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
        };
    }
}
