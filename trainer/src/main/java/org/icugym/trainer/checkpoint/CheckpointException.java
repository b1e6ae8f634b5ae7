package org.icugym.trainer.checkpoint;

/** A checkpoint could not be written or read; the message names the folder and what to do. */
public final class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With a message and the cause. */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a message. */
    public CheckpointException(String message) {
        super(message);
    }
}
