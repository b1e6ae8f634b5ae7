package org.icugym.core.env;

/**
 * A typed failure of an environment request, carrying a code that servers map to a gRPC status
 * and a message that tells the caller what to do.
 */
public final class EnvException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is; mirrors the gRPC status codes the API uses. */
    public enum Code {
        /** The request is malformed: bad action, wrong length, NaN, unknown option. */
        INVALID_ARGUMENT,
        /** Unknown environment id or session id. */
        NOT_FOUND,
        /** The request is valid but not in the current state (step before reset, finished env). */
        FAILED_PRECONDITION,
        /** A limit (sessions, envs, request size) would be exceeded. */
        RESOURCE_EXHAUSTED,
        /** The environment does not support the operation (e.g. Simulate without a model). */
        UNIMPLEMENTED,
        /** The server is shutting down or a component is not available. */
        UNAVAILABLE,
        /** A bug or broken invariant on the server side. */
        INTERNAL
    }

    private final Code code;

    /** A failure with the given code and a message that says what to do. */
    public EnvException(Code code, String message) {
        super(message);
        this.code = code;
    }

    /** The failure's code. */
    public Code code() {
        return code;
    }

    /** An {@link Code#INVALID_ARGUMENT} failure. */
    public static EnvException invalidArgument(String message) {
        return new EnvException(Code.INVALID_ARGUMENT, message);
    }

    /** A {@link Code#NOT_FOUND} failure. */
    public static EnvException notFound(String message) {
        return new EnvException(Code.NOT_FOUND, message);
    }

    /** A {@link Code#FAILED_PRECONDITION} failure. */
    public static EnvException failedPrecondition(String message) {
        return new EnvException(Code.FAILED_PRECONDITION, message);
    }

    /** A {@link Code#RESOURCE_EXHAUSTED} failure. */
    public static EnvException resourceExhausted(String message) {
        return new EnvException(Code.RESOURCE_EXHAUSTED, message);
    }

    /** An {@link Code#UNIMPLEMENTED} failure. */
    public static EnvException unimplemented(String message) {
        return new EnvException(Code.UNIMPLEMENTED, message);
    }
}
