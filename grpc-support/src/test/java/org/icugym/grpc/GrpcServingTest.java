package org.icugym.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class GrpcServingTest {
    @Test
    void awaitReturnsTheValue() {
        assertThat(GrpcServing.await(CompletableFuture.completedFuture(7), "seven")).isEqualTo(7);
    }

    @Test
    void awaitNamesWhatFailed() {
        assertThatThrownBy(() -> GrpcServing.await(
                CompletableFuture.failedFuture(new IllegalArgumentException("port taken")), "binding host:1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("binding host:1 failed: port taken")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }
}
