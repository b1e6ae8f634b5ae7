package org.icugym.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.grpc.GrpcServiceException;
import org.icugym.proto.grpc.health.v1.HealthCheckRequest;
import org.icugym.proto.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Test;

class HealthServiceImplTest {
    private static HealthCheckRequest ask(String service) {
        return HealthCheckRequest.newBuilder().setService(service).build();
    }

    @Test
    void servingUntilTheGateCloses() throws Exception {
        RequestGate gate = new RequestGate();
        HealthServiceImpl health = new HealthServiceImpl(gate, "icugym.v1.EnvService");
        assertThat(health.check(ask("")).toCompletableFuture().get().getStatus()).isEqualTo(ServingStatus.SERVING);
        assertThat(health.check(ask("icugym.v1.EnvService")).toCompletableFuture().get().getStatus())
                .isEqualTo(ServingStatus.SERVING);
        gate.closeAndDrain(Duration.ZERO);
        assertThat(health.check(ask("")).toCompletableFuture().get().getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
    }

    @Test
    void unknownServiceIsNotFoundAndNamesTheKnownOnes() {
        HealthServiceImpl health = new HealthServiceImpl(new RequestGate(), "icugym.v1.PolicyService");
        assertThatThrownBy(() -> health.check(ask("other")).toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(GrpcServiceException.class)
                .hasMessageContaining("NOT_FOUND").hasMessageContaining("icugym.v1.PolicyService");
    }
}
