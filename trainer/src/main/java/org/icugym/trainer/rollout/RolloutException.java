package org.icugym.trainer.rollout;

/** A rollout could not talk to the environment server; the message says why and what to check. */
public final class RolloutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whether the server refused a request (a bad setting); otherwise the connection failed. */
    private final boolean refused;

    /** An error with a message for the user, about a connection that failed. */
    public RolloutException(String message) {
        this(message, false);
    }

    /** An error with a message for the user; {@code refused} when the server answered with an error. */
    public RolloutException(String message, boolean refused) {
        super(message);
        this.refused = refused;
    }

    /**
     * True when the environment server refused a request (an unknown environment, a bad action):
     * retrying cannot help. False when the stream or connection failed, which a new session may fix.
     */
    public boolean refused() {
        return refused;
    }
}
