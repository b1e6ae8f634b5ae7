package org.icugym.core.env;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Waiting for a {@link CompletionStage} and unwrapping its failure, for the synchronous paths. */
final class Async {
    private Async() {}

    /** The stage's value; its failure rethrown as is when unchecked. */
    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an environment", e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /** The cause of a {@link CompletionException}, as an unchecked exception. */
    static RuntimeException unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }
}
