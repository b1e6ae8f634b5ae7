package org.icugym.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
