package org.icugym.policyserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.icugym.policyserver.TestPolicyServer.ACTIONS;
import static org.icugym.policyserver.TestPolicyServer.OBS;
import static org.icugym.policyserver.TestPolicyServer.act;
import static org.icugym.policyserver.TestPolicyServer.floats;
import static org.icugym.policyserver.TestPolicyServer.longs;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.icugym.agent.Policies;
import org.icugym.agent.Policy;
import org.icugym.agent.PolicyException;
import org.icugym.agent.PolicyOutput;
import org.icugym.core.random.Rng;
import org.icugym.proto.v1.ActRequest;
import org.icugym.proto.v1.ActResponse;
import org.icugym.proto.v1.ActStreamResponse;
import org.icugym.proto.v1.GetPolicyInfoRequest;
import org.icugym.proto.v1.ListModelsRequest;
import org.icugym.proto.v1.LoadModelRequest;
import org.icugym.proto.v1.SetDefaultRequest;
import org.junit.jupiter.api.Test;

class PolicyServerTest {

    static <T> T get(CompletionStage<T> s) throws Exception {
        return s.toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    static Status.Code codeOf(CompletionStage<?> s) {
        try {
            get(s);
            return Status.Code.OK;
        } catch (Exception e) {
            Throwable t = e.getCause();
            return t instanceof GrpcServiceException g ? g.getStatus().getCode()
                    : t instanceof io.grpc.StatusRuntimeException r ? r.getStatus().getCode() : Status.Code.UNKNOWN;
        }
    }

    static float[] row(int seed) {
        Rng rng = new Rng(seed);
        float[] r = new float[OBS];
        for (int i = 0; i < OBS; i++) {
            r[i] = (float) rng.uniform(-2, 2);
        }
        return r;
    }

    @Test
    void actsUnaryAndOnTheStreamWithInfoAndModels() throws Exception {
        try (TestPolicyServer s = TestPolicyServer.start("")) {
            ActResponse r = get(s.client.act(act("", row(1), row(2), row(3))));
            assertThat(r.getModelId()).isEqualTo("ppo");
            assertThat(r.getModelVersion()).isEqualTo(1);
            assertThat(r.getActions().getShapeList()).containsExactly(3L);
            assertThat(r.getActionProbs().getShapeList()).containsExactly(3L, (long) ACTIONS);
            assertThat(java.util.Arrays.stream(longs(r.getActions())).allMatch(a -> a >= 0 && a < ACTIONS)).isTrue();

            List<ActStreamResponse> answers = get(s.client.actStream(Source.from(List.of(
                    act("ppo", row(1)).toBuilder().setRequestId(7).build(),
                    act("ppo", new float[] {1f, 2f}).toBuilder().setRequestId(8).build(),
                    act("ppo", row(2)).toBuilder().setRequestId(9).build())))
                    .runWith(Sink.seq(), s.clientSystem));
            assertThat(answers).extracting(ActStreamResponse::getRequestId).containsExactly(7L, 8L, 9L);
            assertThat(floats(answers.get(0).getAct().getValues())[0]).isCloseTo(floats(r.getValues())[0], within(1e-5f));
            assertThat(answers.get(1).getError().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
            assertThat(answers.get(1).getError().getMessage()).contains("[n, 4]");
            assertThat(answers.get(2).hasAct()).isTrue();

            var health = org.icugym.proto.grpc.health.v1.HealthClient.create(org.apache.pekko.grpc.GrpcClientSettings
                    .connectToServiceAt("127.0.0.1", s.server.port(), s.clientSystem).withTls(false), s.clientSystem);
            assertThat(get(health.check(org.icugym.proto.grpc.health.v1.HealthCheckRequest.newBuilder()
                    .setService("icugym.v1.PolicyService").build())).getStatus())
                    .isEqualTo(org.icugym.proto.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
            health.close();
            var info = get(s.client.getPolicyInfo(GetPolicyInfoRequest.getDefaultInstance()));
            assertThat(info.getDefaultModelId()).isEqualTo("ppo");
            assertThat(info.getModel().getKind()).isEqualTo("mlp-actor-critic");
            assertThat(info.getMaxBatchSize()).isEqualTo(64);
            var random = Policies.baseline("random", OBS, ACTIONS);
            get(s.client.loadModel(LoadModelRequest.newBuilder().setModelId("random")
                    .setWeights(com.google.protobuf.ByteString.copyFrom(random.toBytes())).build()));
            assertThat(get(s.client.listModels(ListModelsRequest.getDefaultInstance())).getModelsList())
                    .extracting(m -> m.getId() + "@" + m.getVersion()).containsExactly("ppo@1", "random@1");
            get(s.client.setDefault(SetDefaultRequest.newBuilder().setModelId("random").build()));
            assertThat(get(s.client.act(act("", row(1)))).getModelId()).isEqualTo("random");
        }
    }

    @Test
    void batchedRepliesEqualUnbatchedOnes() throws Exception {
        try (TestPolicyServer s = TestPolicyServer.start("icugym.policy-server { max-batch-size = 64, max-delay = 50 ms }");
                Policy reference = Policies.open(TestPolicyServer.ppo(1), "cpu")) {
            List<CompletableFuture<ActResponse>> replies = new ArrayList<>();
            List<float[][]> sent = new ArrayList<>();
            for (int c = 0; c < 24; c++) {
                float[][] rows = new float[1 + c % 3][];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = row(100 * c + i);
                }
                sent.add(rows);
                replies.add(s.client.act(act("ppo", rows)).toCompletableFuture());
            }
            for (int c = 0; c < sent.size(); c++) {
                float[][] rows = sent.get(c);
                float[] flat = new float[rows.length * OBS];
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(rows[i], 0, flat, i * OBS, OBS);
                }
                PolicyOutput alone = reference.act(flat, rows.length, new boolean[rows.length], new Rng(0));
                boolean[] det = new boolean[rows.length];
                java.util.Arrays.fill(det, true);
                alone = reference.act(flat, rows.length, det, new Rng(0));
                ActResponse r = get(replies.get(c));
                assertThat(longs(r.getActions())).containsExactly(alone.actions());
                float[] values = floats(r.getValues());
                float[] probs = floats(r.getActionProbs());
                for (int i = 0; i < rows.length; i++) {
                    assertThat(values[i]).isCloseTo(alone.values()[i], within(1e-5f));
                }
                for (int i = 0; i < probs.length; i++) {
                    assertThat(probs[i]).isCloseTo(alone.probs()[i], within(1e-5f));
                }
            }
        }
    }

    @Test
    void badRequestsGetTypedErrors() throws Exception {
        try (TestPolicyServer s = TestPolicyServer.start("")) {
            assertThat(codeOf(s.client.act(act("nope", row(1))))).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(codeOf(s.client.act(act("ppo", new float[] {1f, 2f, 3f})))).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(codeOf(s.client.act(act("ppo", new float[] {1f, Float.NaN, 3f, 4f}))))
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(codeOf(s.client.act(ActRequest.newBuilder().setModelId("ppo").build())))
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(codeOf(s.client.loadModel(LoadModelRequest.newBuilder().setModelId("x")
                    .setPath("/does/not/exist.policy").build()))).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(codeOf(s.client.loadModel(LoadModelRequest.newBuilder().setModelId("ppo")
                    .setWeights(com.google.protobuf.ByteString.copyFrom(
                            Policies.baseline("random", OBS + 1, ACTIONS).toBytes())).build())))
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(codeOf(s.client.setDefault(SetDefaultRequest.newBuilder().setModelId("nope").build())))
                    .isEqualTo(Status.Code.NOT_FOUND);
        }
    }

    @Test
    void aMissingDeviceFailsTheStartClearly() {
        assertThatThrownBy(() -> TestPolicyServer.start("icugym.policy-server.devices = [\"cpu\", \"cuda:7\"]"))
                .isInstanceOfSatisfying(PolicyException.class,
                        e -> assertThat(e.code()).isEqualTo(PolicyException.Code.DEVICE_UNAVAILABLE))
                .hasMessageContaining("cuda:7 does not exist");
    }
}
