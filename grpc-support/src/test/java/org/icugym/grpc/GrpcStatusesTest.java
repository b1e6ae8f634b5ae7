package org.icugym.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.grpc.GrpcServiceException;
import org.junit.jupiter.api.Test;

class GrpcStatusesTest {
    private static final Function<Throwable, Status> DOMAIN = t -> t instanceof IllegalArgumentException
            ? Status.INVALID_ARGUMENT.withDescription(t.getMessage()) : null;

    @Test
    void mapsDomainTimeoutGrpcAndOtherFailures() {
        assertThat(GrpcStatuses.status(new CompletionException(new IllegalArgumentException("bad")), DOMAIN, "later")
                .getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        Status timeout = GrpcStatuses.status(new TimeoutException(), DOMAIN, "retry later");
        assertThat(timeout.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(timeout.getDescription()).isEqualTo("retry later");
        assertThat(GrpcStatuses.status(new GrpcServiceException(Status.NOT_FOUND), DOMAIN, "").getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        Status internal = GrpcStatuses.status(new IllegalStateException("boom"), DOMAIN, "");
        assertThat(internal.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(internal.getDescription()).contains("boom").contains("report this bug");
    }

    @Test
    void rpcStatusCarriesCodeAndMessage() {
        com.google.rpc.Status s = GrpcStatuses.rpcStatus(Status.NOT_FOUND.withDescription("no such session"));
        assertThat(s.getCode()).isEqualTo(Status.Code.NOT_FOUND.value());
        assertThat(s.getMessage()).isEqualTo("no such session");
        assertThat(GrpcStatuses.rpcStatus(Status.INTERNAL).getMessage()).isEmpty();
    }

    @Test
    void handlerErrorsTurnInvalidProtobufIntoInvalidArgument() throws Exception {
        var mapper = GrpcStatuses.handlerErrors(t -> Status.UNAVAILABLE).apply(null);
        assertThat(mapper.apply(new InvalidProtocolBufferException("truncated")).getStatus().getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(mapper.apply(new RuntimeException()).getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }
}
