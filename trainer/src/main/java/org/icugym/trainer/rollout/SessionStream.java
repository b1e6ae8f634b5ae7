package org.icugym.trainer.rollout;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;
import org.icugym.proto.v1.EnvServiceClient;
import org.icugym.proto.v1.SessionRequest;
import org.icugym.proto.v1.SessionResponse;

/**
 * One bidirectional {@code Session} stream to an environment server, used in lockstep: one request
 * in flight, answered in order. Owns its generated client; close it to end the stream.
 */
public final class SessionStream implements AutoCloseable {
    private final EnvServiceClient client;
    private final BoundedSourceQueue<SessionRequest> requests;
    private final SinkQueueWithCancel<SessionResponse> responses;
    private long nextId = 1;

    /** Opens a stream to {@code host:port} (plaintext, no compression). */
    public SessionStream(String host, int port, ActorSystem<?> system) {
        GrpcClientSettings settings = GrpcClientSettings.connectToServiceAt(host, port, system).withTls(false);
        this.client = EnvServiceClient.create(settings, system);
        Pair<BoundedSourceQueue<SessionRequest>, Source<SessionRequest, NotUsed>> source =
                Source.<SessionRequest>queue(4).preMaterialize(system);
        this.requests = source.first();
        this.responses = client.session(source.second()).runWith(Sink.queue(), system);
    }

    /**
     * Sends {@code request} (its id is set here) and returns the stage of its answer; the stage
     * fails with {@link RolloutException} if the stream ended or the answer is an in-band error.
     */
    public CompletionStage<SessionResponse> call(SessionRequest.Builder request) {
        long id = nextId++;
        QueueOfferResult offered = requests.offer(request.setRequestId(id).build());
        if (offered != QueueOfferResult.enqueued()) {
            throw new RolloutException("the Session stream to the environment server is closed (" + offered
                    + "); check that the server is running");
        }
        return responses.pull().thenApply(r -> {
            SessionResponse answer = r.orElseThrow(() -> new RolloutException(
                    "the environment server ended the Session stream; check the server's log"));
            if (answer.hasError()) {
                throw new RolloutException("the environment server refused a request: code "
                        + answer.getError().getCode() + ": " + answer.getError().getMessage(), true);
            }
            return answer;
        });
    }

    @Override
    public void close() {
        try {
            requests.complete();
        } catch (IllegalStateException alreadyEnded) {
            // the stream ended before
        }
        responses.cancel();
        client.close();
    }
}
