package org.icugym.envserver.testing;

import io.grpc.Status;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;
import org.icugym.proto.v1.CloseSessionRequest;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.CreateSessionResponse;
import org.icugym.proto.v1.EnvServiceClient;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.ResetResponse;
import org.icugym.proto.v1.SessionRequest;
import org.icugym.proto.v1.SessionResponse;
import org.icugym.proto.v1.SimulateRequest;
import org.icugym.proto.v1.SimulateResponse;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;

/**
 * {@link EnvApi} over one Session stream, in lockstep: each call sends one request and waits for
 * its answer, checking that the request id is echoed. In-band errors throw {@link EnvApiException}.
 */
public final class StreamEnvApi implements EnvApi {
    private final BoundedSourceQueue<SessionRequest> requests;
    private final SinkQueueWithCancel<SessionResponse> responses;
    private long nextId = 1;

    /** Opens a Session stream through {@code client}. */
    public StreamEnvApi(EnvServiceClient client, ActorSystem<?> system) {
        Pair<BoundedSourceQueue<SessionRequest>, Source<SessionRequest, NotUsed>> source =
                Source.<SessionRequest>queue(16).preMaterialize(system);
        this.requests = source.first();
        this.responses = client.session(source.second()).runWith(Sink.queue(), system);
    }

    @Override
    public CreateSessionResponse create(CreateSessionRequest request) {
        return call(SessionRequest.newBuilder().setCreate(request)).getCreate();
    }

    @Override
    public ResetResponse reset(ResetRequest request) {
        return call(SessionRequest.newBuilder().setReset(request)).getReset();
    }

    @Override
    public StepResponse step(StepRequest request) {
        return call(SessionRequest.newBuilder().setStep(request)).getStep();
    }

    @Override
    public SimulateResponse simulate(SimulateRequest request) {
        return call(SessionRequest.newBuilder().setSimulate(request)).getSimulate();
    }

    @Override
    public void closeSession(CloseSessionRequest request) {
        call(SessionRequest.newBuilder().setClose(request));
    }

    /** Sends one raw envelope and returns its answer (an in-band error is returned, not thrown). */
    public SessionResponse send(SessionRequest request) {
        requests.offer(request);
        try {
            Optional<SessionResponse> r = responses.pull().toCompletableFuture().get(60, TimeUnit.SECONDS);
            return r.orElseThrow(() -> new EnvApiException(Status.Code.CANCELLED, "the stream ended"));
        } catch (ExecutionException e) {
            throw UnaryEnvApi.translate(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer in 60 s", e);
        }
    }

    private SessionResponse call(SessionRequest.Builder request) {
        long id = nextId++;
        SessionResponse r = send(request.setRequestId(id).build());
        if (r.getRequestId() != id) {
            throw new IllegalStateException("answer for request " + r.getRequestId() + ", expected " + id);
        }
        if (r.hasError()) {
            throw new EnvApiException(Status.fromCodeValue(r.getError().getCode()).getCode(), r.getError().getMessage());
        }
        return r;
    }

    @Override
    public void close() {
        try {
            requests.complete();
        } catch (IllegalStateException alreadyEnded) {
            // the stream failed or was closed before
        }
        responses.cancel();
    }

    @Override
    public String toString() {
        return "stream";
    }
}
