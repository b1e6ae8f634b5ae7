package org.icugym.core.clinical.cohort;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Opening CSV files, gzip-compressed when the name ends in {@code .gz}, and formatting numbers. */
final class CsvFiles {
    private static final int BUFFER = 1 << 16;

    private CsvFiles() {}

    static BufferedWriter writer(Path path) throws IOException {
        OutputStream out = Files.newOutputStream(path);
        if (isGzip(path)) {
            out = new GZIPOutputStream(out, BUFFER);
        }
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
    }

    static BufferedReader reader(Path path) throws IOException {
        InputStream in = Files.newInputStream(path);
        if (isGzip(path)) {
            in = new GZIPInputStream(in, BUFFER);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER);
    }

    static boolean isGzip(Path path) {
        return path.getFileName().toString().endsWith(".gz");
    }

    /**
     * Appends a number as a CSV cell: empty for NaN, without a fractional part for whole
     * numbers, otherwise the shortest decimal that reads back as the same double.
     */
    static void appendNumber(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            return;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }

    /** {@code x} rounded to {@code decimals} decimal places (NaN stays NaN). */
    static double round(double x, int decimals) {
        if (Double.isNaN(x)) {
            return x;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(x * scale) / scale;
    }
}
