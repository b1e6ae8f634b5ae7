package org.icugym.envserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icugym.envserver.testing.EnvApiCompliance.expectError;

import io.grpc.Status;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.icugym.envserver.testing.EnvApi;
import org.icugym.envserver.testing.EnvApiException;
import org.icugym.envserver.testing.TestEnvServer;
import org.icugym.envserver.testing.Tensors;
import org.icugym.envserver.testing.TinyWorldModel;
import org.icugym.envserver.testing.UnaryEnvApi;
import org.icugym.proto.v1.ActionPlan;
import org.icugym.proto.v1.CandidateOutcome;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.GetServerInfoRequest;
import org.icugym.proto.v1.ListEnvironmentsRequest;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.ServerLimits;
import org.icugym.proto.v1.SimulateRequest;
import org.icugym.proto.v1.SimulateResponse;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Simulate on Sepsis-Physiology-v1 (ground truth) and Sepsis-WorldModel-v1 (a tiny ensemble)
 * through a real server, over unary calls and the Session stream.
 */
class SimulateTest {
    private static final String PHYSIOLOGY = "Sepsis-Physiology-v1";
    private static final String WORLD_MODEL = "Sepsis-WorldModel-v1";
    private static TestEnvServer server;

    @BeforeAll
    static void start() {
        server = TestEnvServer.start(TinyWorldModel.serverConfig());
    }

    static Stream<Arguments> cases() {
        return Stream.of(PHYSIOLOGY, WORLD_MODEL).flatMap(env -> Stream.of(Arguments.of(env, "unary"),
                Arguments.of(env, "stream")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("cases")
    void answersTheDocumentedStructureAndLeavesTheSessionUntouched(String env, String transport) {
        boolean exact = env.equals(PHYSIOLOGY);
        try (EnvApi api = server.api(transport)) {
            String probed = open(api, env, 2, 11L);
            String plain = open(api, env, 2, 11L);
            for (int t = 0; t < 4; t++) {
                SimulateResponse r = api.simulate(request(probed, 1, 3, 3, 8));
                assertThat(r.getGroundTruth()).isEqualTo(exact);
                assertThat(r.getNumSamples()).isEqualTo(8);
                assertThat(r.getFeatureNamesList()).contains("meanbp", "lactate", "sofa");
                assertThat(r.getSafetyFlagNamesList()).contains("g1_hypoperfusion");
                assertThat(r.getOutcomesList()).hasSize(3);
                int f = r.getFeatureNamesCount();
                for (CandidateOutcome o : r.getOutcomesList()) {
                    assertThat(o.getFeatureMean().getShapeList()).containsExactly(3L, (long) f);
                    assertThat(o.getFeatureStd().getShapeList()).containsExactly(3L, (long) f);
                    assertThat(o.getSafetyFlagRate().getShapeList())
                            .containsExactly(3L, (long) r.getSafetyFlagNamesCount());
                    assertThat(o.getMortalityRiskPerStep().getShapeList()).containsExactly(3L);
                    assertThat(o.getRewardPerStep().getShapeList()).containsExactly(3L);
                    assertThat(o.getDoneRate().getShapeList()).containsExactly(3L);
                    assertThat(o.getEpistemicPerStep().getShapeList()).containsExactly(3L);
                    assertThat(o.getMortalityRisk()).isBetween(0.0, 1.0)
                            .isEqualTo(Tensors.values(o.getMortalityRiskPerStep())[2], org.assertj.core.data.Offset.offset(1e-6));
                    if (exact) {
                        assertThat(o.getEpistemicUncertainty()).isZero();
                    } else {
                        assertThat(o.getEpistemicUncertainty()).as("ensemble disagreement").isPositive();
                    }
                }
                StepRequest step = StepRequest.newBuilder().setActions(Tensors.int64(3, 17)).buildPartial();
                StepResponse a = api.step(step.toBuilder().setSessionId(probed).build());
                StepResponse b = api.step(step.toBuilder().setSessionId(plain).build());
                assertThat(a.getObservations()).isEqualTo(b.getObservations());
                assertThat(a.getRewards()).isEqualTo(b.getRewards());
            }
        }
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("cases")
    void badArgumentsAnswerInvalidArgumentWithTheLimit(String env, String transport) {
        try (EnvApi api = server.api(transport)) {
            String id = open(api, env, 2, 1L);
            expectError(() -> api.simulate(request(id, 0, 9, 2, 4)), Status.Code.INVALID_ARGUMENT, "the limit is 8");
            expectError(() -> api.simulate(request(id, 0, 2, 7, 4)), Status.Code.INVALID_ARGUMENT, "1..6");
            expectError(() -> api.simulate(request(id, 0, 2, 2, 65)), Status.Code.INVALID_ARGUMENT, "0..64");
            expectError(() -> api.simulate(request(id, 2, 2, 2, 4)), Status.Code.INVALID_ARGUMENT, "use 0..1");
            expectError(() -> api.simulate(request(id, -1, 2, 2, 4)), Status.Code.INVALID_ARGUMENT, "use 0..1");
            expectError(() -> api.simulate(SimulateRequest.newBuilder().setSessionId(id)
                            .addCandidates(ActionPlan.newBuilder().addActions(0).addActions(25)).build()),
                    Status.Code.INVALID_ARGUMENT, "action 25 is outside the action space 0..24");
            expectError(() -> api.simulate(SimulateRequest.newBuilder().setSessionId(id).build()),
                    Status.Code.INVALID_ARGUMENT, "at least one candidate");
            expectError(() -> api.simulate(request("no-such-session", 0, 1, 1, 1)), Status.Code.NOT_FOUND,
                    "unknown session");
            String cartPole = api.create(CreateSessionRequest.newBuilder().setEnvId("CartPole-v1").build())
                    .getSessionId();
            api.reset(ResetRequest.newBuilder().setSessionId(cartPole).build());
            expectError(() -> api.simulate(request(cartPole, 0, 1, 1, 1).toBuilder().clearCandidates()
                            .addCandidates(ActionPlan.newBuilder().addActions(0)).build()),
                    Status.Code.UNIMPLEMENTED, "cannot simulate");
            assertThat(api.simulate(request(id, 0, 1, 1, 1)).getOutcomesCount()).isEqualTo(1);
        }
    }

    @Test
    void limitsAndSupportAreAnnounced() {
        ServerLimits limits = UnaryEnvApi.await(server.client().getServerInfo(GetServerInfoRequest.getDefaultInstance()))
                .getLimits();
        assertThat(limits.getMaxSimulateCandidates()).isEqualTo(8);
        assertThat(limits.getMaxSimulateHorizon()).isEqualTo(6);
        assertThat(limits.getMaxSimulateSamples()).isEqualTo(64);
        assertThat(limits.getDefaultSimulateSamples()).isEqualTo(8);
        var specs = UnaryEnvApi.await(server.client().listEnvironments(ListEnvironmentsRequest.getDefaultInstance()))
                .getEnvironmentsList();
        assertThat(specs).filteredOn(s -> s.getSupportsSimulate()).extracting(s -> s.getId())
                .containsExactlyInAnyOrder(PHYSIOLOGY, WORLD_MODEL);
    }

    @Test
    void configuredLimitsApply() {
        try (TestEnvServer small = TestEnvServer.start("icugym.env-server.simulate { max-candidates = 2, max-horizon = 2 }");
                EnvApi api = small.unary()) {
            String id = open(api, 1, 1L);
            expectError(() -> api.simulate(request(id, 0, 3, 1, 1)), Status.Code.INVALID_ARGUMENT, "the limit is 2");
            expectError(() -> api.simulate(request(id, 0, 1, 3, 1)), Status.Code.INVALID_ARGUMENT, "1..2");
            assertThat(api.simulate(request(id, 0, 2, 2, 0)).getNumSamples()).isEqualTo(8);
        }
    }

    @Test
    void sessionsCreatedOnAStreamAreClosedWhenItEnds() throws InterruptedException {
        String id;
        try (EnvApi stream = server.stream()) {
            id = open(stream, 1, 3L);
        }
        EnvApi unary = server.unary();
        ResetRequest reset = ResetRequest.newBuilder().setSessionId(id).build();
        for (int attempt = 0; attempt < 600; attempt++) {
            try {
                unary.reset(reset);
            } catch (EnvApiException e) {
                assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND);
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("session " + id + " is still open 30 s after its stream ended");
    }

    @Test
    void sessionsClosedOnTheStreamOrCreatedUnaryAreUnaffected() {
        EnvApi unary = server.unary();
        String unaryId = open(unary, 1, 3L);
        try (EnvApi stream = server.stream()) {
            String streamId = open(stream, 1, 4L);
            stream.closeSession(org.icugym.proto.v1.CloseSessionRequest.newBuilder().setSessionId(streamId).build());
            stream.reset(ResetRequest.newBuilder().setSessionId(unaryId).build());
        }
        assertThat(unary.simulate(request(unaryId, 0, 1, 1, 1)).getOutcomesCount()).isEqualTo(1);
    }

    private static String open(EnvApi api, int numEnvs, long seed) {
        return open(api, PHYSIOLOGY, numEnvs, seed);
    }

    private static String open(EnvApi api, String env, int numEnvs, long seed) {
        String id = api.create(CreateSessionRequest.newBuilder().setEnvId(env).setNumEnvs(numEnvs).setSeed(seed)
                .build()).getSessionId();
        api.reset(ResetRequest.newBuilder().setSessionId(id).build());
        return id;
    }

    private static SimulateRequest request(String id, int envIndex, int k, int h, int n) {
        SimulateRequest.Builder b = SimulateRequest.newBuilder().setSessionId(id).setEnvIndex(envIndex).setNumSamples(n);
        for (int c = 0; c < k; c++) {
            int first = c;
            b.addCandidates(ActionPlan.newBuilder().addAllActions(
                    LongStream.range(0, h).map(s -> (first * 7 + s * 3) % 25).boxed().toList()));
        }
        return b.build();
    }
}
