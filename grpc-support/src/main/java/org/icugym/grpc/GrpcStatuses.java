package org.icugym.grpc;

import io.grpc.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.grpc.Trailers;

/**
 * Turning failures into gRPC statuses, the same way for every icugym server. Each server knows its
 * own domain exceptions and hands them in as a function; this class adds what is common: a
 * {@link GrpcServiceException} keeps its status, a timeout answers DEADLINE_EXCEEDED, anything else
 * INTERNAL, a request that is not valid protobuf INVALID_ARGUMENT.
 */
public final class GrpcStatuses {
    private GrpcStatuses() {}

    /**
     * The status of {@code failure} (unwrapped from completion wrappers): its own for a
     * {@link GrpcServiceException}, {@code domain}'s answer when not null, DEADLINE_EXCEEDED with
     * {@code timeoutAdvice} for a {@link TimeoutException}, INTERNAL otherwise.
     */
    public static Status status(Throwable failure, Function<Throwable, Status> domain, String timeoutAdvice) {
        Throwable t = unwrap(failure);
        if (t instanceof GrpcServiceException g) {
            return g.getStatus();
        }
        Status mapped = domain.apply(t);
        if (mapped != null) {
            return mapped;
        }
        if (t instanceof TimeoutException) {
            return Status.DEADLINE_EXCEEDED.withDescription(timeoutAdvice);
        }
        return Status.INTERNAL.withDescription("server error: " + t + "; report this bug");
    }

    /** A status as an in-band {@code google.rpc.Status}, for errors inside a stream. */
    public static com.google.rpc.Status rpcStatus(Status s) {
        return com.google.rpc.Status.newBuilder().setCode(s.getCode().value())
                .setMessage(s.getDescription() == null ? "" : s.getDescription()).build();
    }

    /**
     * The failure mapper for generated handlers: a request that is not valid protobuf answers
     * INVALID_ARGUMENT (instead of INTERNAL); anything else as {@code status} says.
     */
    public static org.apache.pekko.japi.Function<ActorSystem, org.apache.pekko.japi.Function<Throwable, Trailers>>
            handlerErrors(Function<Throwable, Status> status) {
        return system -> failure -> {
            Throwable t = unwrap(failure);
            if (t instanceof com.google.protobuf.InvalidProtocolBufferException) {
                return new Trailers(Status.INVALID_ARGUMENT.withDescription(
                        "the request is not a valid protobuf message for this rpc (" + t.getMessage()
                                + "): build it from the icugym.v1 proto files or use server reflection"));
            }
            return new Trailers(status.apply(t));
        };
    }

    /** The cause inside {@link CompletionException} and {@link ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
