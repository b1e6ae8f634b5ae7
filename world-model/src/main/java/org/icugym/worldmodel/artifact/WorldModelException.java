package org.icugym.worldmodel.artifact;

/**
 * A world-model failure with a {@link Code} a caller can act on; the message says what to do.
 */
public final class WorldModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Code {
        /** The artifact's feature schema differs from this build's: retrain. */
        SCHEMA_MISMATCH,
        /** The artifact was written by an unsupported format version: retrain or use a matching release. */
        UNSUPPORTED_VERSION,
        /** The artifact is missing, unreadable or incomplete. */
        INVALID_ARTIFACT,
        /** The training data cannot train a model (too few stays or transitions). */
        INSUFFICIENT_DATA,
        /** A request to a loaded model is malformed (wrong input size, member index). */
        INVALID_INPUT,
        /** The deep-learning engine could not be started or failed. */
        ENGINE_FAILURE
    }

    private final Code code;

    /** A failure with a code and a message that says what to do. */
    public WorldModelException(Code code, String message) {
        super(message);
        this.code = code;
    }

    /** A failure with a code, a message that says what to do, and its cause. */
    public WorldModelException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** What went wrong. */
    public Code code() {
        return code;
    }

    @Override
    public String getMessage() {
        return code + ": " + super.getMessage();
    }
}
