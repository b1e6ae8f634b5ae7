package org.icugym.core.clinical.cohort;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.icugym.core.clinical.schema.Feature;

/**
 * Writes cohort stays to one CSV file in the {@link CohortSchema} layout, gzip-compressed when
 * the file name ends in {@code .gz}. Streaming: stays are written as they come. Not thread-safe.
 */
public final class CohortWriter implements Closeable {
    private final BufferedWriter out;
    private final StringBuilder row = new StringBuilder(1024);

    private CohortWriter(BufferedWriter out) {
        this.out = out;
    }

    /**
     * Creates (or replaces) a cohort file and writes its header.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static CohortWriter create(Path file) {
        try {
            CohortWriter w = new CohortWriter(CsvFiles.writer(file));
            w.out.write(String.join(",", CohortSchema.COLUMNS));
            w.out.write('\n');
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cohort file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes every stay to a new file. */
    public static void writeAll(Path file, List<CohortStay> stays) {
        try (CohortWriter w = create(file)) {
            for (CohortStay stay : stays) {
                w.write(stay);
            }
        }
    }

    /** Appends the rows of one stay. */
    public void write(CohortStay stay) {
        List<Feature> features = CohortSchema.FEATURES;
        try {
            for (CohortStep s : stay.steps()) {
                row.setLength(0);
                row.append(stay.stayId()).append(',').append(s.bloc());
                double[] values = s.features();
                for (int i = 0; i < values.length; i++) {
                    row.append(',');
                    double v = values[i];
                    CsvFiles.appendNumber(row, Double.isNaN(v) ? v : features.get(i).column().toColumnUnit(v));
                }
                cell(s.dose().fluidMlPer4h());
                cell(s.dose().vasopressorMcgKgMin());
                cell(s.action().fluidBin());
                cell(s.action().vasopressorBin());
                cell(s.action().index());
                cell(s.behaviourProbability());
                cell(s.inputTotalMl());
                cell(s.outputTotalMl());
                cell(s.cumulativeBalanceMl());
                cell(stay.diedWithin90Days() ? 1 : 0);
                row.append('\n');
                out.append(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cohort row: " + e.getMessage(), e);
        }
    }

    private void cell(double v) {
        row.append(',');
        CsvFiles.appendNumber(row, v);
    }

    /** Flushes and closes the file. */
    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close cohort file: " + e.getMessage(), e);
        }
    }
}
