package org.icugym.agent;

/**
 * A policy that cannot be loaded or run: an unreadable or malformed weights file, an unavailable
 * device, or input of the wrong shape. The message says what to do.
 */
public final class PolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is. */
    public enum Code {
        /** The weights file does not exist or cannot be read. */
        NOT_FOUND,
        /** The weights file is not a policy weights file or does not fit its architecture. */
        INVALID_WEIGHTS,
        /** Observations of the wrong shape or with non-finite values. */
        INVALID_INPUT,
        /** The requested device does not exist on this machine or the engine cannot start. */
        DEVICE_UNAVAILABLE
    }

    private final Code code;

    /** A failure with a code and a message that says what to do. */
    public PolicyException(Code code, String message) {
        this(code, message, null);
    }

    /** A failure with a code, a message that says what to do, and its cause. */
    public PolicyException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The failure's code. */
    public Code code() {
        return code;
    }
}
