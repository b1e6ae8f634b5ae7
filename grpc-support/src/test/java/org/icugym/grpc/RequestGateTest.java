package org.icugym.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.grpc.GrpcServiceException;
import org.junit.jupiter.api.Test;

class RequestGateTest {
    @Test
    void admitsUntilClosedThenRefuses() throws InterruptedException {
        RequestGate gate = new RequestGate();
        assertThat(gate.enter()).isTrue();
        assertThat(gate.inFlight()).isEqualTo(1);
        gate.exit();
        assertThat(gate.closeAndDrain(Duration.ZERO)).isTrue();
        assertThat(gate.isClosed()).isTrue();
        assertThat(gate.enter()).isFalse();
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void drainReportsUnfinishedRequests() throws InterruptedException {
        RequestGate gate = new RequestGate();
        assertThat(gate.enter()).isTrue();
        assertThat(gate.closeAndDrain(Duration.ZERO)).isFalse();
        gate.exit();
        assertThat(gate.closeAndDrain(Duration.ZERO)).isTrue();
    }

    @Test
    void unaryHoldsTheGateUntilTheAnswerAndMapsFailures() throws Exception {
        RequestGate gate = new RequestGate();
        CompletableFuture<String> pending = new CompletableFuture<>();
        CompletionStage<String> answer = gate.unary(() -> pending, failure -> new GrpcServiceException(Status.INTERNAL));
        assertThat(gate.inFlight()).isEqualTo(1);
        pending.complete("ok");
        assertThat(answer.toCompletableFuture().get()).isEqualTo("ok");
        assertThat(gate.inFlight()).isZero();

        CompletionStage<String> thrown = gate.unary(() -> {
            throw new IllegalArgumentException("bad");
        }, failure -> new GrpcServiceException(Status.INVALID_ARGUMENT.withDescription(failure.getMessage())));
        assertThatThrownBy(() -> thrown.toCompletableFuture().get()).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(GrpcServiceException.class).hasMessageContaining("INVALID_ARGUMENT: bad");
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void unaryIsRefusedOnceClosed() throws InterruptedException {
        RequestGate gate = new RequestGate();
        gate.closeAndDrain(Duration.ZERO);
        CompletionStage<String> refused = gate.unary(() -> CompletableFuture.completedFuture("never"),
                failure -> (GrpcServiceException) failure);
        assertThatThrownBy(() -> refused.toCompletableFuture().get()).cause()
                .hasMessageContaining("UNAVAILABLE").hasMessageContaining("shutting down");
    }
}
