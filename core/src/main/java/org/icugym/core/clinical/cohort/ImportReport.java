package org.icugym.core.clinical.cohort;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a cohort import found: the columns it mapped, ignored or had to compute, and the values
 * it dropped as implausible.
 *
 * @param file the imported file
 * @param rows number of data rows read
 * @param stays number of stays read
 * @param unmappedColumns header columns that are not part of the cohort schema (ignored)
 * @param absentFeatures schema features with no column in the file (left missing)
 * @param computedColumns schema columns absent from the file and computed (derived scores, bins, totals)
 * @param outOfRange per column, the values outside the feature's plausible bounds (set missing)
 */
public record ImportReport(Path file, long rows, long stays, List<String> unmappedColumns, List<String> absentFeatures,
        List<String> computedColumns, Map<String, OutOfRange> outOfRange) {

    /**
     * Implausible values of one column.
     *
     * @param count number of values outside the bounds
     * @param firstLine line of the first such value
     * @param firstValue the first such value, in the column's unit
     * @param lowerBound lowest plausible value, in the column's unit
     * @param upperBound highest plausible value, in the column's unit
     */
    public record OutOfRange(long count, long firstLine, double firstValue, double lowerBound, double upperBound) {}

    /** Copies the collections. */
    public ImportReport {
        unmappedColumns = List.copyOf(unmappedColumns);
        absentFeatures = List.copyOf(absentFeatures);
        computedColumns = List.copyOf(computedColumns);
        outOfRange = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outOfRange));
    }

    /** Whether the file mapped completely: nothing unmapped, absent or out of range. */
    public boolean isClean() {
        return unmappedColumns.isEmpty() && absentFeatures.isEmpty() && outOfRange.isEmpty();
    }

    /** The report as readable lines. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s: %d rows, %d stays", file, rows, stays));
        lines.add("unmapped columns (ignored): " + (unmappedColumns.isEmpty() ? "none" : String.join(", ", unmappedColumns)));
        lines.add("absent features (left missing): " + (absentFeatures.isEmpty() ? "none" : String.join(", ", absentFeatures)));
        lines.add("computed columns: " + (computedColumns.isEmpty() ? "none" : String.join(", ", computedColumns)));
        if (outOfRange.isEmpty()) {
            lines.add("out-of-range values: none");
        }
        for (Map.Entry<String, OutOfRange> e : outOfRange.entrySet()) {
            OutOfRange r = e.getValue();
            lines.add(String.format(Locale.ROOT, "out-of-range %s: %d values outside [%s, %s] set missing (first: %s on line %d)",
                    e.getKey(), r.count(), r.lowerBound(), r.upperBound(), r.firstValue(), r.firstLine()));
        }
        return lines;
    }
}
