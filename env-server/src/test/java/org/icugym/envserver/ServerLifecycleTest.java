package org.icugym.envserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icugym.envserver.testing.EnvApiCompliance.expectError;

import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.icugym.core.env.EnvRegistry;
import org.icugym.core.envs.cartpole.CartPoleFactory;
import org.icugym.envserver.session.SessionManager;
import org.icugym.envserver.testing.EnvApi;
import org.icugym.envserver.testing.TestEnvServer;
import org.icugym.envserver.testing.Tensors;
import org.icugym.envserver.testing.UnaryEnvApi;
import org.icugym.proto.grpc.health.v1.HealthCheckRequest;
import org.icugym.proto.grpc.health.v1.HealthCheckResponse;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.GetServerInfoRequest;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: accepted requests finish, new ones answer UNAVAILABLE, then the server stops. */
class ServerLifecycleTest {

    @Test
    void shutdownFinishesInFlightRequestsAndRefusesNewOnes() throws Exception {
        GatedEnvFactory gated = new GatedEnvFactory();
        TestEnvServer server = TestEnvServer.start("", EnvRegistry.of(gated, new CartPoleFactory()));
        EnvApi api = server.unary();
        String id = api.create(CreateSessionRequest.newBuilder().setEnvId("Gated-v0").setNumEnvs(2).build())
                .getSessionId();
        api.reset(ResetRequest.newBuilder().setSessionId(id).build());
        EnvApi stream = server.stream();
        String streamed = stream.create(CreateSessionRequest.newBuilder().setEnvId("CartPole-v1").build()).getSessionId();
        stream.reset(ResetRequest.newBuilder().setSessionId(streamed).build());

        CompletionStage<StepResponse> inFlight = server.client().step(
                StepRequest.newBuilder().setSessionId(id).setActions(Tensors.int64(0, 1)).build());
        assertThat(gated.stepping.await(30, TimeUnit.SECONDS)).as("the step reached the environment").isTrue();

        // not on the common pool, which serves the gRPC client and server
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> server.server().close(),
                r -> new Thread(r, "closing").start());
        awaitNotServing(server);
        expectError(() -> UnaryEnvApi.await(server.client().getServerInfo(GetServerInfoRequest.getDefaultInstance())),
                Status.Code.UNAVAILABLE, "shutting down");
        expectError(() -> stream.step(StepRequest.newBuilder().setSessionId(streamed)
                .setActions(Tensors.int64(0)).build()), Status.Code.UNAVAILABLE, "shutting down");
        assertThat(closing).as("close waits for the in-flight step").isNotDone();

        gated.release.countDown();
        StepResponse finished = inFlight.toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(Tensors.values(finished.getObservations())).containsExactly(1.0, 1.0);
        closing.get(60, TimeUnit.SECONDS);
        assertThat(server.server().whenTerminated().toCompletableFuture()).isDone();
        server.close();
    }

    /** Health turns NOT_SERVING as soon as the gate closes (polled: health itself stays answerable). */
    private static void awaitNotServing(TestEnvServer server) throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            HealthCheckResponse.ServingStatus s = UnaryEnvApi.await(
                    server.health().check(HealthCheckRequest.getDefaultInstance())).getStatus();
            if (s == HealthCheckResponse.ServingStatus.NOT_SERVING) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("health never turned NOT_SERVING");
    }

    @Test
    void abandonedSessionsAreReapedAfterTheIdleTimeout() throws Exception {
        try (TestEnvServer server = TestEnvServer.start(
                "icugym.env-server { idle-timeout = 300 ms, reaper-interval = 100 ms }")) {
            EnvApi api = server.unary();
            CreateSessionRequest cartPole = CreateSessionRequest.newBuilder().setEnvId("CartPole-v1").build();
            String abandoned = api.create(cartPole).getSessionId();
            api.reset(ResetRequest.newBuilder().setSessionId(abandoned).build());
            api.create(cartPole);
            for (int i = 0; i < 2000 && openSessions(server) > 0; i++) {
                Thread.sleep(10);
            }
            assertThat(openSessions(server)).as("open sessions after the idle timeout").isZero();
            expectError(() -> api.reset(ResetRequest.newBuilder().setSessionId(abandoned).build()),
                    Status.Code.NOT_FOUND, "idle");
            assertThat(server.server().metrics().scrape()).contains("icugym_sessions_reaped_total 2.0");
        }
    }

    private static int openSessions(TestEnvServer server) throws Exception {
        return org.apache.pekko.actor.typed.javadsl.AskPattern.<SessionManager.Command, Integer>ask(
                        server.server().system(), SessionManager.GetOpenSessions::new, java.time.Duration.ofSeconds(10),
                        server.server().system().scheduler())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
