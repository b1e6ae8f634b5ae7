package org.icugym.core.clinical.cohort;

import java.nio.file.Path;

/** One data line of a cohort CSV file split into cells, with typed, located parsing errors. */
final class CsvRow {
    private final Path file;
    private final CohortHeader header;
    private final long line;
    private final String[] cells;

    private CsvRow(Path file, CohortHeader header, long line, String[] cells) {
        this.file = file;
        this.header = header;
        this.line = line;
        this.cells = cells;
    }

    /**
     * Splits a line into its cells.
     *
     * @throws CohortFormatException if the number of fields differs from the header's
     */
    static CsvRow split(Path file, CohortHeader header, long line, String text) {
        String[] cells = text.split(",", -1);
        if (cells.length != header.size()) {
            throw new CohortFormatException(file, line, 0, null, "expected " + header.size() + " fields as in the header, "
                    + "found " + cells.length + "; check for a missing or extra comma");
        }
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return new CsvRow(file, header, line, cells);
    }

    /** The 1-based line number. */
    long line() {
        return line;
    }

    /** The raw text of cell {@code c}. */
    String text(int c) {
        return cells[c];
    }

    /** A number; NaN for an empty cell (or NA/NaN) if {@code emptyAllowed}. */
    double number(int c, boolean emptyAllowed) {
        String s = cells[c];
        if (s.isEmpty() || s.equals("NA") || s.equals("NaN") || s.equals("nan")) {
            if (!emptyAllowed) {
                throw error(c, "value is missing; " + header.name(c) + " is required on every row");
            }
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(s);
            if (!Double.isInfinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(c, "cannot parse '" + s + "' as a number; write numbers with a '.' decimal point and leave missing "
                + "values empty");
    }

    /** A required whole number (written as {@code 12} or {@code 12.0}). */
    double integer(int c) {
        double v = number(c, false);
        if (v != Math.rint(v)) {
            throw error(c, "expected a whole number, got '" + cells[c] + "'");
        }
        return v;
    }

    /** A required dose: finite and ≥ 0. */
    double dose(int c) {
        double d = number(c, false);
        if (d < 0) {
            throw error(c, "dose " + cells[c] + " must be finite and >= 0");
        }
        return d;
    }

    /** A required dose bin, 0–4. */
    int bin(int c) {
        double b = integer(c);
        if (b < 0 || b > 4) {
            throw error(c, "bin " + cells[c] + " is not in 0-4");
        }
        return (int) b;
    }

    /** A format error located at cell {@code c} of this line. */
    CohortFormatException error(int c, String problem) {
        return new CohortFormatException(file, line, c + 1, header.name(c), problem);
    }
}
