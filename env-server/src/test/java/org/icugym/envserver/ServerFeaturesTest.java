package org.icugym.envserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icugym.envserver.testing.EnvApiCompliance.expectError;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;
import io.grpc.reflection.v1alpha.ServiceResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.icugym.envserver.testing.EnvApi;
import org.icugym.envserver.testing.TestEnvServer;
import org.icugym.envserver.testing.Tensors;
import org.icugym.envserver.testing.UnaryEnvApi;
import org.icugym.proto.grpc.health.v1.HealthCheckRequest;
import org.icugym.proto.grpc.health.v1.HealthCheckResponse;
import org.icugym.proto.v1.ActionPlan;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.GetServerInfoRequest;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.ServerInfo;
import org.icugym.proto.v1.SimulateRequest;
import org.icugym.proto.v1.StepRequest;
import org.junit.jupiter.api.Test;

/** Reflection, health, metrics, limits, Simulate and response compression of a real server. */
class ServerFeaturesTest {

    @Test
    void reflectionListsTheServicesAndServesTheirDescriptors() throws Exception {
        try (TestEnvServer server = TestEnvServer.start()) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.server().port())
                    .usePlaintext().build();
            try {
                List<ServerReflectionResponse> answers = reflect(channel,
                        ServerReflectionRequest.newBuilder().setListServices("*").build(),
                        ServerReflectionRequest.newBuilder().setFileContainingSymbol("icugym.v1.EnvService").build());
                assertThat(answers.get(0).getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
                        .contains("icugym.v1.EnvService", "grpc.health.v1.Health");
                assertThat(answers.get(1).getFileDescriptorResponse().getFileDescriptorProtoCount()).isPositive();
            } finally {
                channel.shutdownNow();
            }
        }
    }

    private static List<ServerReflectionResponse> reflect(ManagedChannel channel, ServerReflectionRequest... requests)
            throws Exception {
        List<ServerReflectionResponse> answers = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> out = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
                new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        answers.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        for (ServerReflectionRequest r : requests) {
            out.onNext(r);
        }
        out.onCompleted();
        done.get(30, TimeUnit.SECONDS);
        return answers;
    }

    @Test
    void healthIsServingAndUnknownServicesAreNotFound() {
        try (TestEnvServer server = TestEnvServer.start()) {
            assertThat(UnaryEnvApi.await(server.health().check(HealthCheckRequest.getDefaultInstance())).getStatus())
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            assertThat(UnaryEnvApi.await(server.health().check(HealthCheckRequest.newBuilder()
                    .setService("icugym.v1.EnvService").build())).getStatus())
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            expectError(() -> UnaryEnvApi.await(server.health().check(HealthCheckRequest.newBuilder()
                    .setService("nope").build())), Status.Code.NOT_FOUND, "unknown service");
        }
    }

    @Test
    void metricsEndpointReportsSessionsStepsAndLatency() throws Exception {
        try (TestEnvServer server = TestEnvServer.start("icugym.env-server.metrics-port = 0")) {
            EnvApi api = server.unary();
            String id = api.create(CreateSessionRequest.newBuilder().setEnvId("CartPole-v1").setNumEnvs(3).build())
                    .getSessionId();
            api.reset(ResetRequest.newBuilder().setSessionId(id).build());
            for (int i = 0; i < 5; i++) {
                api.step(StepRequest.newBuilder().setSessionId(id).setActions(Tensors.int64(0, 1, 0)).build());
            }
            expectError(() -> api.step(StepRequest.newBuilder().setSessionId(id).build()),
                    Status.Code.INVALID_ARGUMENT, "actions");
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.server().metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body())
                    .contains("icugym_sessions_open 1.0")
                    .contains("icugym_env_steps_total 15.0")
                    .contains("icugym_step_latency_seconds_count 5")
                    .contains("icugym_step_latency_seconds_bucket")
                    .contains("icugym_request_errors_total{code=\"INVALID_ARGUMENT\",rpc=\"Step\"} 1.0")
                    .contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void limitsAnswerResourceExhaustedAndAreReported() {
        try (TestEnvServer server = TestEnvServer.start(
                "icugym.env-server { max-sessions = 2, max-envs-per-session = 16 }")) {
            ServerInfo info = UnaryEnvApi.await(server.client().getServerInfo(GetServerInfoRequest.getDefaultInstance()));
            assertThat(info.getLimits().getMaxSessions()).isEqualTo(2);
            assertThat(info.getLimits().getMaxEnvsPerSession()).isEqualTo(16);
            assertThat(info.getLimits().getMaxRequestBytes()).isEqualTo(65536);
            EnvApi api = server.unary();
            CreateSessionRequest.Builder cartPole = CreateSessionRequest.newBuilder().setEnvId("CartPole-v1");
            expectError(() -> api.create(cartPole.setNumEnvs(17).build()), Status.Code.RESOURCE_EXHAUSTED,
                    "max-envs-per-session");
            api.create(cartPole.setNumEnvs(16).build());
            api.create(cartPole.setNumEnvs(1).build());
            expectError(() -> api.create(cartPole.setNumEnvs(1).build()), Status.Code.RESOURCE_EXHAUSTED,
                    "maximum of 2 open sessions");
        }
    }

    @Test
    void simulateIsUnimplementedForEnvironmentsWithoutAModel() {
        try (TestEnvServer server = TestEnvServer.start()) {
            EnvApi api = server.unary();
            String id = api.create(CreateSessionRequest.newBuilder().setEnvId("ICU-Sepsis-v2").build()).getSessionId();
            api.reset(ResetRequest.newBuilder().setSessionId(id).build());
            expectError(() -> api.simulate(SimulateRequest.newBuilder().setSessionId(id)
                            .addCandidates(ActionPlan.newBuilder().addActions(0).addActions(1)).build()),
                    Status.Code.UNIMPLEMENTED, "cannot simulate");
        }
    }

    @Test
    void answersAreNotCompressedEvenWhenTheClientAcceptsGzip() {
        try (TestEnvServer server = TestEnvServer.start()) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.server().port())
                    .usePlaintext().build(); // grpc-java advertises gzip by default
            AtomicReference<String> encoding = new AtomicReference<>("(no headers)");
            Channel observed = ClientInterceptors.intercept(channel, new ClientInterceptor() {
                @Override
                public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                        Channel next) {
                    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                        @Override
                        public void start(Listener<R> listener, Metadata headers) {
                            super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                                @Override
                                public void onHeaders(Metadata h) {
                                    encoding.set(h.get(Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER)));
                                    super.onHeaders(h);
                                }
                            }, headers);
                        }
                    };
                }
            });
            try {
                MethodDescriptor<GetServerInfoRequest, ServerInfo> method = MethodDescriptor.<GetServerInfoRequest, ServerInfo>newBuilder()
                        .setType(MethodDescriptor.MethodType.UNARY)
                        .setFullMethodName("icugym.v1.EnvService/GetServerInfo")
                        .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(GetServerInfoRequest.getDefaultInstance()))
                        .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(ServerInfo.getDefaultInstance()))
                        .build();
                ServerInfo info = ClientCalls.blockingUnaryCall(observed, method, CallOptions.DEFAULT,
                        GetServerInfoRequest.getDefaultInstance());
                assertThat(info.getProtocolVersion()).isEqualTo(1);
                assertThat(encoding.get()).isIn(null, "identity");
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void aTakenMetricsPortDoesNotStopTheServer() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
                TestEnvServer server = TestEnvServer.start("icugym.env-server.metrics-port = " + taken.getLocalPort())) {
            assertThat(server.server().metricsPort()).isEqualTo(-1);
            assertThat(UnaryEnvApi.await(server.health().check(HealthCheckRequest.getDefaultInstance())).getStatus())
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        }
    }

    @Test
    void anEnvelopeWithoutARequestEndsTheStreamWithInvalidArgument() throws Exception {
        try (TestEnvServer server = TestEnvServer.start()) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.server().port())
                    .usePlaintext().build();
            try {
                MethodDescriptor<org.icugym.proto.v1.SessionRequest, org.icugym.proto.v1.SessionResponse> session =
                        MethodDescriptor.<org.icugym.proto.v1.SessionRequest, org.icugym.proto.v1.SessionResponse>newBuilder()
                                .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                                .setFullMethodName("icugym.v1.EnvService/Session")
                                .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                                        org.icugym.proto.v1.SessionRequest.getDefaultInstance()))
                                .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                                        org.icugym.proto.v1.SessionResponse.getDefaultInstance()))
                                .build();
                CompletableFuture<Status> closed = new CompletableFuture<>();
                List<org.icugym.proto.v1.SessionResponse> answers = new ArrayList<>();
                ClientCall<org.icugym.proto.v1.SessionRequest, org.icugym.proto.v1.SessionResponse> call =
                        channel.newCall(session, CallOptions.DEFAULT);
                call.start(new ClientCall.Listener<>() {
                    @Override
                    public void onMessage(org.icugym.proto.v1.SessionResponse message) {
                        answers.add(message);
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        closed.complete(status);
                    }
                }, new Metadata());
                call.request(10);
                call.sendMessage(org.icugym.proto.v1.SessionRequest.newBuilder().setRequestId(1)
                        .setClose(org.icugym.proto.v1.CloseSessionRequest.newBuilder().setSessionId("nope")).build());
                call.sendMessage(org.icugym.proto.v1.SessionRequest.newBuilder().setRequestId(2).build());
                Status status = closed.get(30, TimeUnit.SECONDS); // the client has not half-closed: the server ends it
                assertThat(answers).hasSize(1);
                assertThat(answers.get(0).getError().getCode()).isEqualTo(Status.Code.NOT_FOUND.value());
                assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(status.getDescription()).contains("carries no request");
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void anEnvironmentFailureClosesOnlyItsSessionAndAnswersEveryPendingRequest() {
        try (TestEnvServer server = TestEnvServer.start("icugym.env-server.ask-timeout = 5 s",
                org.icugym.core.env.EnvRegistry.of(new FailingEnvFactory(),
                        new org.icugym.core.envs.cartpole.CartPoleFactory()))) {
            EnvApi api = server.unary();
            String broken = api.create(CreateSessionRequest.newBuilder().setEnvId("Failing-v0").build()).getSessionId();
            String healthy = api.create(CreateSessionRequest.newBuilder().setEnvId("CartPole-v1").build()).getSessionId();
            api.reset(ResetRequest.newBuilder().setSessionId(broken).build());
            api.reset(ResetRequest.newBuilder().setSessionId(healthy).build());
            api.step(StepRequest.newBuilder().setSessionId(broken).setActions(Tensors.int64(0)).build());
            // the breaking step and requests pipelined behind it: each gets an answer, none is dropped
            List<CompletableFuture<?>> pipelined = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                pipelined.add(server.client().step(StepRequest.newBuilder().setSessionId(broken)
                        .setActions(Tensors.int64(i == 0 ? 1 : 0)).build()).toCompletableFuture());
            }
            expectError(() -> UnaryEnvApi.await(pipelined.get(0)), Status.Code.INTERNAL, "create a new session");
            for (CompletableFuture<?> f : pipelined.subList(1, pipelined.size())) {
                try { // unary calls may overtake each other: those before the failure succeed
                    UnaryEnvApi.await(f);
                } catch (org.icugym.envserver.testing.EnvApiException e) {
                    assertThat(e.code()).isIn(Status.Code.INTERNAL, Status.Code.NOT_FOUND);
                }
            }
            expectError(() -> api.step(StepRequest.newBuilder().setSessionId(broken).setActions(Tensors.int64(0))
                    .build()), Status.Code.NOT_FOUND, "CreateSession");
            api.step(StepRequest.newBuilder().setSessionId(healthy).setActions(Tensors.int64(1)).build());
            assertThat(server.server().metrics().scrape()).contains("icugym_sessions_open 1.0");
        }
    }
}
