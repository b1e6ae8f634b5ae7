package org.icugym.policyserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icugym.policyserver.PolicyServerTest.codeOf;
import static org.icugym.policyserver.PolicyServerTest.get;
import static org.icugym.policyserver.TestPolicyServer.longs;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.icugym.agent.psr.PlannerSettings;
import org.icugym.agent.psr.PsrPolicy;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.env.InfoBuffer;
import org.icugym.core.env.VectorEnv;
import org.icugym.core.envs.physiology.PhysiologyObservation;
import org.icugym.core.envs.physiology.SepsisPhysiologyFactory;
import org.icugym.core.random.Rng;
import org.icugym.proto.v1.ActRequest;
import org.icugym.proto.v1.ActResponse;
import org.icugym.proto.v1.LoadModelRequest;
import org.junit.jupiter.api.Test;

/**
 * The planner model through a real server, on the paths that need no env server: the prior alone
 * (no session) and the request errors. Planning against a real env server is tested in the cli module,
 * which runs both servers.
 */
class PlanningTest {

    static float[][] patients(int n) {
        VectorEnv env = new SepsisPhysiologyFactory().create(n, Map.of());
        float[] obs = new float[n * PhysiologyObservation.DIM];
        InfoBuffer infos = InfoBuffer.forSpec(env.spec(), n);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            env.reset(i, new Rng(100 + i), obs, infos);
            rows[i] = java.util.Arrays.copyOfRange(obs, i * PhysiologyObservation.DIM, (i + 1) * PhysiologyObservation.DIM);
        }
        return rows;
    }

    private static void loadPsr(TestPolicyServer s) throws Exception {
        byte[] weights = PsrPolicy.weights(PlannerSettings.DEFAULT, PhysiologyObservation.DIM, TreatmentAction.COUNT)
                .toBytes();
        get(s.client.loadModel(LoadModelRequest.newBuilder().setModelId("psr")
                .setWeights(ByteString.copyFrom(weights)).build()));
    }

    @Test
    void withoutASessionThePlannerIsItsPrior() throws Exception {
        try (TestPolicyServer s = TestPolicyServer.start("")) {
            loadPsr(s);
            float[][] rows = patients(3);
            ActResponse r = get(s.client.act(TestPolicyServer.act("psr", rows).toBuilder().setWantReasoning(true).build()));
            assertThat(longs(r.getActions())).hasSize(3);
            assertThat(r.getReasoningList()).hasSize(3).allSatisfy(t -> assertThat(t).contains("no simulator"));
            ActResponse quiet = get(s.client.act(TestPolicyServer.act("psr", rows)));
            assertThat(quiet.getReasoningList()).isEmpty();
            assertThat(longs(quiet.getActions())).containsExactly(longs(r.getActions()));
        }
    }

    @Test
    void badSimulationHandlesAnswerTypedErrors() throws Exception {
        try (TestPolicyServer s = TestPolicyServer.start("icugym.policy-server.planner.simulate-timeout = 3 s")) {
            loadPsr(s);
            ActRequest base = TestPolicyServer.act("psr", patients(2)).toBuilder().setSessionId("s-1").build();
            // no env server named or configured
            assertThat(codeOf(s.client.act(base))).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(codeOf(s.client.act(base.toBuilder().setEnvServer("no-port").build())))
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(codeOf(s.client.act(base.toBuilder().setEnvServer("127.0.0.1:1").addAllEnvIndices(List.of(0))
                    .build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
            // nothing listens there
            assertThat(codeOf(s.client.act(base.toBuilder().setEnvServer("127.0.0.1:1").build())))
                    .isEqualTo(Status.Code.UNAVAILABLE);
            // the server still answers
            assertThat(get(s.client.act(TestPolicyServer.act("psr", patients(1)))).getModelId()).isEqualTo("psr");
        }
    }
}
