package org.icugym.trainer.rollout;

/** A rollout could not talk to the environment server; the message says why and what to check. */
public final class RolloutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with a message for the user. */
    public RolloutException(String message) {
        super(message);
    }
}
