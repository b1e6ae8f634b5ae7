package org.icugym.envserver.testing;

import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.grpc.GrpcServiceException;
import org.icugym.proto.v1.CloseSessionRequest;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.CreateSessionResponse;
import org.icugym.proto.v1.EnvServiceClient;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.ResetResponse;
import org.icugym.proto.v1.SimulateRequest;
import org.icugym.proto.v1.SimulateResponse;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;

/** {@link EnvApi} over unary calls of the generated Pekko gRPC client. */
public final class UnaryEnvApi implements EnvApi {
    private final EnvServiceClient client;

    /** Calls through {@code client} (not closed by {@link #close()}). */
    public UnaryEnvApi(EnvServiceClient client) {
        this.client = client;
    }

    @Override
    public CreateSessionResponse create(CreateSessionRequest request) {
        return await(client.createSession(request));
    }

    @Override
    public ResetResponse reset(ResetRequest request) {
        return await(client.reset(request));
    }

    @Override
    public StepResponse step(StepRequest request) {
        return await(client.step(request));
    }

    @Override
    public SimulateResponse simulate(SimulateRequest request) {
        return await(client.simulate(request));
    }

    @Override
    public void closeSession(CloseSessionRequest request) {
        await(client.closeSession(request));
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "unary";
    }

    /** Waits for a call and turns a gRPC failure into {@link EnvApiException}. */
    public static <T> T await(CompletionStage<T> call) {
        try {
            return call.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer in 60 s", e);
        }
    }

    /** The {@link EnvApiException} of a gRPC failure. */
    public static RuntimeException translate(Throwable t) {
        if (t instanceof StatusRuntimeException s) {
            return new EnvApiException(s.getStatus().getCode(), String.valueOf(s.getStatus().getDescription()));
        }
        if (t instanceof GrpcServiceException g) {
            return new EnvApiException(g.getStatus().getCode(), String.valueOf(g.getStatus().getDescription()));
        }
        return t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }
}
