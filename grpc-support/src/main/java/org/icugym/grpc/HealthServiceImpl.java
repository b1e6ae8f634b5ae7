package org.icugym.grpc;

import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.stream.javadsl.Source;
import org.icugym.proto.grpc.health.v1.Health;
import org.icugym.proto.grpc.health.v1.HealthCheckRequest;
import org.icugym.proto.grpc.health.v1.HealthCheckResponse;

/**
 * The standard gRPC health service: SERVING while the server accepts requests, NOT_SERVING once
 * it is shutting down. Knows the server as a whole ({@code ""}) and the one service it was given
 * (for example {@code icugym.v1.EnvService}); any other name answers NOT_FOUND.
 */
public final class HealthServiceImpl implements Health {
    private final RequestGate gate;
    private final String serviceName;

    /**
     * Health of the server whose requests pass {@code gate}, serving the gRPC service
     * {@code serviceName} (its full name, such as {@code serviceName}).
     */
    public HealthServiceImpl(RequestGate gate, String serviceName) {
        this.gate = java.util.Objects.requireNonNull(gate, "gate");
        this.serviceName = java.util.Objects.requireNonNull(serviceName, "serviceName");
    }

    @Override
    public CompletionStage<HealthCheckResponse> check(HealthCheckRequest in) {
        try {
            return CompletableFuture.completedFuture(status(in));
        } catch (GrpcServiceException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Source<HealthCheckResponse, NotUsed> watch(HealthCheckRequest in) {
        try {
            return Source.single(status(in));
        } catch (GrpcServiceException e) {
            return Source.failed(e);
        }
    }

    private HealthCheckResponse status(HealthCheckRequest in) {
        String service = in.getService();
        if (!service.isEmpty() && !service.equals(serviceName)) {
            throw new GrpcServiceException(Status.NOT_FOUND.withDescription("unknown service '" + service
                    + "': ask for \"\" (the server) or \"" + serviceName + "\""));
        }
        return HealthCheckResponse.newBuilder().setStatus(gate.isClosed()
                ? HealthCheckResponse.ServingStatus.NOT_SERVING : HealthCheckResponse.ServingStatus.SERVING).build();
    }
}
