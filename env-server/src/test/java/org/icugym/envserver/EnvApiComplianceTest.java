package org.icugym.envserver;

import java.util.stream.Stream;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.envserver.testing.EnvApi;
import org.icugym.envserver.testing.EnvApiCompliance;
import org.icugym.envserver.testing.TestEnvServer;
import org.icugym.envserver.testing.TinyWorldModel;
import org.icugym.envserver.testing.UnaryEnvApi;
import org.icugym.worldmodel.env.WorldModelEnvFactory;
import org.icugym.proto.v1.EnvSpec;
import org.icugym.proto.v1.GetServerInfoRequest;
import org.icugym.proto.v1.ListEnvironmentsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Env API compliance suite for every registered environment (the built-in ones and
 * Sepsis-WorldModel-v1 on a tiny model), through unary calls and the Session stream.
 */
class EnvApiComplianceTest {
    private static TestEnvServer server;
    private static long maxRequestBytes;

    @BeforeAll
    static void start() {
        server = TestEnvServer.start(TinyWorldModel.serverConfig());
        maxRequestBytes = UnaryEnvApi.await(server.client().getServerInfo(GetServerInfoRequest.getDefaultInstance()))
                .getLimits().getMaxRequestBytes();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> cases() {
        return Stream.concat(BuiltinEnvironments.registry().ids().stream(), Stream.of(WorldModelEnvFactory.ID))
                .flatMap(id -> Stream.of(Arguments.of(id, "unary"), Arguments.of(id, "stream")));
    }

    private interface Check {
        void run(EnvApiCompliance suite) throws Exception;
    }

    private static void check(String envId, String transport, Check check) throws Exception {
        EnvSpec spec = UnaryEnvApi.await(server.client().listEnvironments(ListEnvironmentsRequest.getDefaultInstance()))
                .getEnvironmentsList().stream().filter(s -> s.getId().equals(envId)).findFirst().orElseThrow();
        try (EnvApi api = server.api(transport)) {
            check.run(new EnvApiCompliance(api, spec, maxRequestBytes));
        }
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("cases")
    void spacesMatchObservations(String envId, String transport) throws Exception {
        check(envId, transport, EnvApiCompliance::spacesMatchObservations);
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("cases")
    void seedingIsReproducible(String envId, String transport) throws Exception {
        check(envId, transport, EnvApiCompliance::seedingIsReproducible);
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("cases")
    void terminatedAndTruncatedApartAndNextStepAutoreset(String envId, String transport) throws Exception {
        check(envId, transport, EnvApiCompliance::terminatedAndTruncatedApartAndNextStepAutoreset);
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("cases")
    void sameStepAutoreset(String envId, String transport) throws Exception {
        check(envId, transport, EnvApiCompliance::sameStepAutoreset);
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("cases")
    void disabledAutoreset(String envId, String transport) throws Exception {
        check(envId, transport, EnvApiCompliance::disabledAutoreset);
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("cases")
    void badActionsAreInvalidArgument(String envId, String transport) throws Exception {
        check(envId, transport, EnvApiCompliance::badActionsAreInvalidArgument);
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("cases")
    void unknownIdsAndOrderErrors(String envId, String transport) throws Exception {
        check(envId, transport, EnvApiCompliance::unknownIdsAndOrderErrors);
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("cases")
    void oversizeRequestIsResourceExhausted(String envId, String transport) throws Exception {
        check(envId, transport, EnvApiCompliance::oversizeRequestIsResourceExhausted);
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("cases")
    void otherSessionIsUnaffected(String envId, String transport) throws Exception {
        check(envId, transport, suite -> suite.otherSessionIsUnaffected(() -> server.api(transport)));
    }
}
