package org.icugym.evaluation.data;

/** A dataset, policy or model input that cannot be evaluated; the message says what to fix. */
public class InvalidDatasetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An error with a message that says what is wrong and what to do. */
    public InvalidDatasetException(String message) {
        super(message);
    }
}
