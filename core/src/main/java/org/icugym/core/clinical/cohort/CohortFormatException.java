package org.icugym.core.clinical.cohort;

import java.nio.file.Path;

/**
 * A cohort file that cannot be read: its message names the file, line and column and says what
 * to do, as {@code file:line:column (NAME): what; what to do}.
 */
public final class CohortFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String column;

    /**
     * A format error.
     *
     * @param file the file being read
     * @param line 1-based line number (1 = header)
     * @param columnIndex 1-based column number, or 0 if the error concerns the whole line
     * @param column the column's name, or null if the error concerns the whole line
     * @param problem what is wrong and what to do
     */
    public CohortFormatException(Path file, long line, int columnIndex, String column, String problem) {
        super(file + ":" + line + (column == null ? "" : ":" + columnIndex + " (" + column + ")") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** The 1-based line number (1 = header). */
    public long line() {
        return line;
    }

    /** The column's name, or null if the error concerns the whole line. */
    public String column() {
        return column;
    }
}
