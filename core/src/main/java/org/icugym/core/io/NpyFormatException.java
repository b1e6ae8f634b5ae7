package org.icugym.core.io;

import java.io.IOException;

/**
 * A {@code .npy} or {@code .npz} input that cannot be read: bad magic, unsupported dtype or
 * layout, malformed header or truncated data. The message names the file or archive entry and
 * says what was expected.
 */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A format failure with a message naming the source and what was expected. */
    public NpyFormatException(String message) {
        super(message);
    }

    /** A format failure caused by a lower-level I/O failure. */
    public NpyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
