package org.icugym.envserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.icugym.envserver.testing.EnvApi;
import org.icugym.envserver.testing.EnvApiException;
import org.icugym.envserver.testing.StreamEnvApi;
import org.icugym.envserver.testing.TestEnvServer;
import org.icugym.envserver.testing.Tensors;
import org.icugym.envserver.testing.UnaryEnvApi;
import org.icugym.proto.grpc.health.v1.HealthCheckRequest;
import org.icugym.proto.grpc.health.v1.HealthCheckResponse;
import org.icugym.proto.v1.ActionPlan;
import org.icugym.proto.v1.CloseSessionRequest;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.SessionRequest;
import org.icugym.proto.v1.SessionResponse;
import org.icugym.proto.v1.SimulateRequest;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;
import org.icugym.proto.v1.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Sends 10,000 random and malformed requests (random fields over unary calls and the Session
 * stream, and raw bytes that are not valid messages) while another session steps on its own
 * stream. Every request gets a typed answer, the other session's trajectory equals its trajectory
 * alone, the fuzzer's sessions are all accounted for, and the server keeps serving.
 */
class FuzzTest {
    private static final int STRUCTURED_UNARY = 4000;
    private static final int STREAMED = 3000;
    private static final int RAW = 3000;
    private static final List<String> ENV_IDS = List.of("CartPole-v1", "ICU-Sepsis-v2", "", "cartpole", "X".repeat(300));
    private static final List<Status.Code> TYPED = List.of(Status.Code.OK, Status.Code.INVALID_ARGUMENT,
            Status.Code.NOT_FOUND, Status.Code.FAILED_PRECONDITION, Status.Code.RESOURCE_EXHAUSTED,
            Status.Code.UNIMPLEMENTED);

    private final Random random = new Random(20261201);
    private final List<String> sessions = new ArrayList<>();
    private final Map<Status.Code, Integer> outcomes = new EnumMap<>(Status.Code.class);
    private final Map<Status.Code, Integer> rawOutcomes = new EnumMap<>(Status.Code.class);
    private final Map<Status.Code, String> examples = new EnumMap<>(Status.Code.class);

    @Test
    void serverKeepsServingAndOtherSessionsAreUndisturbed() throws Exception {
        try (TestEnvServer server = TestEnvServer.start("icugym.env-server.max-envs-per-session = 64")) {
            AtomicBoolean fuzzing = new AtomicBoolean(true);
            CompletableFuture<List<double[]>> victim = CompletableFuture.supplyAsync(
                    () -> victimTrajectory(server, fuzzing, Integer.MAX_VALUE),
                    r -> new Thread(r, "victim").start());
            EnvApi unary = server.unary();
            for (int i = 0; i < STRUCTURED_UNARY; i++) {
                record(() -> send(unary, randomRequest()));
            }
            fuzzStream(server);
            fuzzRawBytes(server);
            fuzzing.set(false);
            List<double[]> together = victim.get(120, TimeUnit.SECONDS);
            System.out.println("fuzz outcomes: " + outcomes + "; the other session took " + together.size() / 2
                    + " steps meanwhile; examples: " + examples);

            System.out.println("raw-bytes outcomes: " + rawOutcomes);
            assertThat(outcomes.keySet()).as("every answer is a typed status").isSubsetOf(TYPED);
            assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(STRUCTURED_UNARY + STREAMED);
            // Bytes that are not a valid message: a typed status, or (rarely) the HTTP/2 stream is reset
            // (CANCELLED) because the server answered before reading the whole body.
            assertThat(rawOutcomes.keySet()).isSubsetOf(concat(TYPED, Status.Code.CANCELLED));
            assertThat(rawOutcomes.getOrDefault(Status.Code.CANCELLED, 0)).isLessThan(RAW / 5);
            assertThat(rawOutcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(RAW);
            List<double[]> alone = victimTrajectory(server, new AtomicBoolean(true), together.size() / 2);
            assertThat(together.size()).isEqualTo(alone.size()).isGreaterThan(2);
            for (int i = 0; i < alone.size(); i++) {
                assertThat(together.get(i)).as("victim record %d", i).containsExactly(alone.get(i));
            }
            for (String id : sessions) { // some may have been closed by malformed-but-parseable requests
                record(() -> unary.closeSession(CloseSessionRequest.newBuilder().setSessionId(id).build()));
            }
            assertThat(UnaryEnvApi.await(server.health().check(HealthCheckRequest.getDefaultInstance())).getStatus())
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            assertThat(server.server().metrics().scrape()).contains("icugym_sessions_open 0.0");
        }
    }

    private static List<Status.Code> concat(List<Status.Code> codes, Status.Code extra) {
        List<Status.Code> all = new ArrayList<>(codes);
        all.add(extra);
        return all;
    }

    // ---- the session that must not notice anything ----------------------------------------

    /** Observations and rewards of a seeded CartPole session stepped with seeded actions on its own stream. */
    private static List<double[]> victimTrajectory(TestEnvServer server, AtomicBoolean keepGoing, int maxSteps) {
        List<double[]> out = new ArrayList<>();
        try (EnvApi api = server.stream()) {
            String id = api.create(CreateSessionRequest.newBuilder().setEnvId("CartPole-v1").setNumEnvs(4).setSeed(5)
                    .build()).getSessionId();
            api.reset(ResetRequest.newBuilder().setSessionId(id).setSeed(5).build());
            Random actions = new Random(6);
            for (int t = 0; t < maxSteps && keepGoing.get(); t++) {
                StepResponse r = api.step(StepRequest.newBuilder().setSessionId(id).setActions(Tensors.int64(
                        actions.nextInt(2), actions.nextInt(2), actions.nextInt(2), actions.nextInt(2))).build());
                out.add(Tensors.values(r.getObservations()));
                out.add(Tensors.values(r.getRewards()));
            }
            api.closeSession(CloseSessionRequest.newBuilder().setSessionId(id).build());
        }
        return out;
    }

    // ---- structured random requests --------------------------------------------------------

    private void record(Runnable call) {
        Status.Code code = Status.Code.OK;
        try {
            call.run();
        } catch (EnvApiException e) {
            code = e.code();
            examples.putIfAbsent(code, "unary: " + e.getMessage());
        }
        outcomes.merge(code, 1, Integer::sum);
    }

    private void send(EnvApi api, SessionRequest request) {
        switch (request.getRequestCase()) {
            case CREATE -> sessions.add(api.create(request.getCreate()).getSessionId());
            case RESET -> api.reset(request.getReset());
            case STEP -> api.step(request.getStep());
            case SIMULATE -> api.simulate(request.getSimulate());
            case CLOSE -> {
                api.closeSession(request.getClose());
                sessions.remove(request.getClose().getSessionId());
            }
            default -> throw new IllegalStateException();
        }
    }

    private SessionRequest randomRequest() {
        SessionRequest.Builder b = SessionRequest.newBuilder().setRequestId(random.nextLong());
        switch (random.nextInt(sessions.size() > 20 ? 5 : 4)) {
            case 0 -> b.setCreate(randomCreate());
            case 1 -> b.setReset(randomReset());
            case 2 -> b.setStep(randomStep());
            case 3 -> b.setSimulate(randomSimulate());
            default -> b.setClose(CloseSessionRequest.newBuilder().setSessionId(sessionId()));
        }
        return b.build();
    }

    private CreateSessionRequest randomCreate() {
        CreateSessionRequest.Builder b = CreateSessionRequest.newBuilder()
                .setEnvId(ENV_IDS.get(random.nextInt(ENV_IDS.size())))
                .setNumEnvs(pick(0, 1, 2, 5, 64, 65, -1, random.nextInt()))
                .setAutoresetModeValue(random.nextInt(5));
        if (random.nextBoolean()) {
            b.setSeed(random.nextLong());
        }
        if (random.nextInt(4) == 0) {
            b.putOptions(pick("observation", "nope", ""), pick("onehot", "index", "bogus"));
        }
        return b.build();
    }

    private ResetRequest randomReset() {
        ResetRequest.Builder b = ResetRequest.newBuilder().setSessionId(sessionId());
        switch (random.nextInt(4)) {
            case 0 -> b.setSeed(random.nextLong());
            case 1 -> {
                for (int i = random.nextInt(6); i > 0; i--) {
                    b.addSeeds(random.nextLong());
                }
            }
            case 2 -> {
                for (int i = random.nextInt(6); i > 0; i--) {
                    b.addResetMask(random.nextBoolean());
                }
            }
            default -> b.setSeed(1).addSeeds(2);
        }
        if (random.nextInt(8) == 0) {
            b.putOptions("observation", "onehot");
        }
        return b.build();
    }

    private StepRequest randomStep() {
        StepRequest.Builder b = StepRequest.newBuilder().setSessionId(sessionId());
        int kind = random.nextInt(4);
        if (kind == 0 || kind == 3) {
            for (int i = random.nextInt(7); i > 0; i--) {
                b.addDiscreteActions(pick(0L, 1L, 24L, 25L, -1L, random.nextLong()));
            }
        }
        if (kind >= 1) {
            Tensor.Builder t = Tensor.newBuilder().setDtypeValue(random.nextInt(9));
            for (int d = random.nextInt(3); d >= 0; d--) {
                t.addShape(pick(0L, 1L, 2L, 5L, -3L, random.nextLong()));
            }
            byte[] data = new byte[random.nextInt(48)];
            if (random.nextBoolean()) {
                random.nextBytes(data);
            }
            b.setActions(t.setData(ByteString.copyFrom(data)));
        }
        return b.build();
    }

    private SimulateRequest randomSimulate() {
        SimulateRequest.Builder b = SimulateRequest.newBuilder().setSessionId(sessionId())
                .setEnvIndex(pick(0, 1, 7, -1)).setNumSamples(random.nextInt(4));
        for (int k = random.nextInt(3); k > 0; k--) {
            ActionPlan.Builder plan = ActionPlan.newBuilder();
            for (int h = random.nextInt(4); h > 0; h--) {
                plan.addActions(random.nextInt(30) - 2);
            }
            b.addCandidates(plan);
        }
        return b.build();
    }

    private String sessionId() {
        int r = random.nextInt(10);
        if (r < 7 && !sessions.isEmpty()) {
            return sessions.get(random.nextInt(sessions.size()));
        }
        return r < 9 ? Long.toHexString(random.nextLong()) : "";
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    // ---- the Session stream ----------------------------------------------------------------

    /** Random envelopes on a stream; an empty envelope ends the stream with INVALID_ARGUMENT and a new one opens. */
    private void fuzzStream(TestEnvServer server) {
        StreamEnvApi stream = (StreamEnvApi) server.stream();
        for (int i = 0; i < STREAMED; i++) {
            boolean empty = random.nextInt(50) == 0;
            SessionRequest request = empty ? SessionRequest.newBuilder().setRequestId(i).build() : randomRequest();
            try {
                SessionResponse r = stream.send(request);
                assertThat(r.getRequestId()).isEqualTo(request.getRequestId());
                if (r.hasError()) {
                    outcomes.merge(Status.fromCodeValue(r.getError().getCode()).getCode(), 1, Integer::sum);
                } else {
                    outcomes.merge(Status.Code.OK, 1, Integer::sum);
                    if (r.hasCreate()) {
                        sessions.add(r.getCreate().getSessionId());
                    } else if (r.hasClose()) {
                        sessions.remove(request.getClose().getSessionId());
                    }
                }
            } catch (EnvApiException e) {
                assertThat(empty).as("only an empty envelope ends the stream: %s", e).isTrue();
                // the server ends the stream with INVALID_ARGUMENT; the client may report it as the stream's end
                assertThat(e.code()).isIn(Status.Code.INVALID_ARGUMENT, Status.Code.CANCELLED);
                outcomes.merge(Status.Code.INVALID_ARGUMENT, 1, Integer::sum);
                stream.close();
                stream = (StreamEnvApi) server.stream();
            }
        }
        stream.close();
    }

    // ---- bytes that are not valid messages -------------------------------------------------

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private void fuzzRawBytes(TestEnvServer server) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.server().port()).usePlaintext()
                .build();
        List<String> methods = List.of("CreateSession", "Reset", "Step", "Simulate", "CloseSession", "GetServerInfo",
                "Session", "NoSuchMethod");
        try {
            for (int i = 0; i < RAW; i++) {
                String method = methods.get(random.nextInt(methods.size()));
                MethodDescriptor<byte[], byte[]> m = MethodDescriptor.<byte[], byte[]>newBuilder()
                        .setType(method.equals("Session") ? MethodDescriptor.MethodType.BIDI_STREAMING
                                : MethodDescriptor.MethodType.UNARY)
                        .setFullMethodName("icugym.v1.EnvService/" + method)
                        .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
                byte[] body = malformed();
                Status.Code code = Status.Code.OK;
                try {
                    if (m.getType() == MethodDescriptor.MethodType.UNARY) {
                        byte[] answer = ClientCalls.blockingUnaryCall(channel, m,
                                CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), body);
                        if (method.equals("CreateSession")) {
                            sessions.add(org.icugym.proto.v1.CreateSessionResponse.parseFrom(answer).getSessionId());
                        }
                    } else {
                        List<byte[]> answers = new ArrayList<>();
                        var call = channel.newCall(m, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
                        var future = new CompletableFuture<Status>();
                        call.start(new io.grpc.ClientCall.Listener<>() {
                            @Override
                            public void onMessage(byte[] message) {
                                answers.add(message);
                            }

                            @Override
                            public void onClose(Status status, io.grpc.Metadata trailers) {
                                future.complete(status);
                            }
                        }, new io.grpc.Metadata());
                        call.request(Integer.MAX_VALUE);
                        call.sendMessage(body);
                        call.halfClose();
                        Status status = future.get(30, TimeUnit.SECONDS);
                        code = status.getCode();
                        examples.putIfAbsent(code, "raw stream: " + status);
                        if (status.isOk()) {
                            assertThat(answers).hasSize(1);
                            SessionResponse r = SessionResponse.parseFrom(answers.get(0));
                            code = r.hasError() ? Status.fromCodeValue(r.getError().getCode()).getCode() : Status.Code.OK;
                            if (r.hasCreate()) {
                                sessions.add(r.getCreate().getSessionId());
                            }
                        }
                    }
                } catch (StatusRuntimeException e) {
                    code = e.getStatus().getCode();
                    examples.putIfAbsent(code, "raw " + method + ": " + e.getMessage());
                }
                rawOutcomes.merge(code, 1, Integer::sum);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            channel.shutdownNow();
        }
    }

    /** Random bytes, or a valid request truncated or with a byte flipped. */
    private byte[] malformed() {
        byte[] valid = randomRequest().toByteArray();
        return switch (random.nextInt(3)) {
            case 0 -> {
                byte[] b = new byte[1 + random.nextInt(64)];
                random.nextBytes(b);
                yield b;
            }
            case 1 -> Arrays.copyOf(valid, random.nextInt(Math.max(1, valid.length)));
            default -> {
                byte[] b = valid.clone();
                if (b.length > 0) {
                    b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
                }
                yield b;
            }
        };
    }
}
