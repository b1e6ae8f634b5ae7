package org.icugym.grpc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;

/**
 * Binding a gRPC handler on HTTP/2 and shutting it down gracefully, the same way for every icugym
 * server: answers are never gzip-compressed, accepted requests finish before the port closes
 * (through a {@link RequestGate}), and blocking waits have one bounded form.
 */
public final class GrpcServing {
    /** How long {@link #await} waits before giving up. */
    public static final Duration AWAIT_LIMIT = Duration.ofSeconds(120);

    private GrpcServing() {}

    /**
     * The handler, minus response compression: grpc-java clients advertise gzip by default, but
     * float payloads do not compress, so answers are never gzipped.
     */
    public static Function<HttpRequest, CompletionStage<HttpResponse>> uncompressed(
            Function<HttpRequest, CompletionStage<HttpResponse>> handler) {
        return req -> handler.apply(req.removeHeader("grpc-accept-encoding"));
    }

    /**
     * The handler, draining the request body of a call refused before its request was read
     * (unknown method, trailers-only error): otherwise the HTTP/2 connection keeps the stream open
     * and eventually refuses every new call on that connection.
     */
    public static Function<HttpRequest, CompletionStage<HttpResponse>> discardingUnreadRequests(
            Function<HttpRequest, CompletionStage<HttpResponse>> handler, Materializer materializer) {
        return req -> handler.apply(req).thenApply(response -> discardUnreadRequest(req, response, materializer));
    }

    private static HttpResponse discardUnreadRequest(HttpRequest request, HttpResponse response, Materializer mat) {
        boolean failedEarly = response.getHeader("grpc-status").map(h -> !h.value().equals("0")).orElse(false);
        if (failedEarly) {
            try {
                request.discardEntityBytes(mat);
            } catch (RuntimeException alreadyRead) {
                // the handler consumed the body already
            }
        }
        return response;
    }

    /** Binds {@code handler} on {@code host:port} (0 for any free port), waiting for the binding. */
    public static ServerBinding bind(ActorSystem<?> system, String host, int port,
            Function<HttpRequest, CompletionStage<HttpResponse>> handler) {
        return await(Http.get(system).newServerAt(host, port).bind(handler), "binding " + host + ":" + port);
    }

    /**
     * Registers the graceful shutdown with the system's coordinated shutdown: first close
     * {@code gate} and let the requests in flight finish (at most {@code grace}), then unbind and
     * run {@code afterUnbind} (releasing what the server holds besides its port).
     */
    public static void registerShutdown(ActorSystem<?> system, ServerBinding binding, RequestGate gate,
            Duration grace, Logger log, Runnable afterUnbind) {
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        shutdown.addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "finish-in-flight-requests",
                // its own thread: the common pool serves Pekko gRPC's continuations and must not be blocked
                () -> CompletableFuture.supplyAsync(() -> drain(gate, grace, log),
                        r -> new Thread(r, "icugym-drain").start()));
        shutdown.addTask(CoordinatedShutdown.PhaseServiceStop(), "unbind",
                () -> binding.terminate(Duration.ofSeconds(2)).thenApply(terminated -> {
                    afterUnbind.run();
                    return Done.getInstance();
                }));
    }

    private static Done drain(RequestGate gate, Duration grace, Logger log) {
        log.info("shutting down: refusing new requests, finishing {} in flight", gate.inFlight());
        try {
            if (!gate.closeAndDrain(grace)) {
                log.warn("{} request(s) still in flight after {}; stopping anyway", gate.inFlight(), grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Done.getInstance();
    }

    /**
     * Waits for {@code stage} (at most {@link #AWAIT_LIMIT}); a failure, interruption or timeout
     * becomes an {@link IllegalStateException} naming {@code what} was awaited.
     */
    public static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(AWAIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not finish in " + AWAIT_LIMIT.toSeconds() + " s", e);
        }
    }
}
