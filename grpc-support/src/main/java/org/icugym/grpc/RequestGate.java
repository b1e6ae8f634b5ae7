package org.icugym.grpc;

import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.grpc.GrpcServiceException;

/**
 * Counts requests in flight and refuses new ones once closed, so a graceful shutdown can let
 * every accepted request finish while new ones answer UNAVAILABLE. Thread-safe.
 */
public final class RequestGate {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object drained = new Object();

    /** Admits a request (true) or refuses it because the gate is closed (false). */
    public boolean enter() {
        inFlight.incrementAndGet();
        if (closed.get()) {
            exit();
            return false;
        }
        return true;
    }

    /** Marks an admitted request finished. */
    public void exit() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    /** Whether new requests are refused. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Number of admitted requests not yet finished. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Refuses new requests from now on and waits until the admitted ones finished or
     * {@code grace} passed; returns whether everything finished.
     */
    public boolean closeAndDrain(Duration grace) throws InterruptedException {
        closed.set(true);
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (drained) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                drained.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** The UNAVAILABLE answer of a request refused because the server is shutting down. */
    public static GrpcServiceException shuttingDown() {
        return new GrpcServiceException(Status.UNAVAILABLE.withDescription(
                "the server is shutting down: retry against another server or after it restarts"));
    }

    /**
     * Runs a unary call through the gate: refused with {@link #shuttingDown()} once closed,
     * otherwise admitted until its answer completes. A failure (also one thrown by {@code call},
     * and the refusal) becomes the gRPC exception {@code toGrpc} makes of it.
     */
    public <T> CompletionStage<T> unary(Supplier<CompletionStage<T>> call,
            Function<Throwable, GrpcServiceException> toGrpc) {
        if (!enter()) {
            return CompletableFuture.failedFuture(toGrpc.apply(shuttingDown()));
        }
        CompletionStage<T> result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        result.whenComplete((value, failure) -> {
            exit();
            if (failure == null) {
                answer.complete(value);
            } else {
                answer.completeExceptionally(toGrpc.apply(failure));
            }
        });
        return answer;
    }
}
