package org.icugym.envserver.testing;

import io.grpc.Status;

/** A failed environment API call as a client sees it: the gRPC status code and its message. */
public final class EnvApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Status.Code code;

    /** A failure with {@code code} and the server's {@code message}. */
    public EnvApiException(Status.Code code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    /** The status code. */
    public Status.Code code() {
        return code;
    }
}
