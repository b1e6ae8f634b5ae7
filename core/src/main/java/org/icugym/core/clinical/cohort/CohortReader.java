package org.icugym.core.clinical.cohort;

import static org.icugym.core.clinical.cohort.CohortHeader.ACTION;
import static org.icugym.core.clinical.cohort.CohortHeader.BLOC;
import static org.icugym.core.clinical.cohort.CohortHeader.FLUID;
import static org.icugym.core.clinical.cohort.CohortHeader.FLUID_BIN;
import static org.icugym.core.clinical.cohort.CohortHeader.ID;
import static org.icugym.core.clinical.cohort.CohortHeader.INPUT_TOTAL;
import static org.icugym.core.clinical.cohort.CohortHeader.MORTALITY;
import static org.icugym.core.clinical.cohort.CohortHeader.OUTPUT_TOTAL;
import static org.icugym.core.clinical.cohort.CohortHeader.PROB;
import static org.icugym.core.clinical.cohort.CohortHeader.VASO;
import static org.icugym.core.clinical.cohort.CohortHeader.VASO_BIN;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.action.TreatmentDose;
import org.icugym.core.clinical.schema.Feature;
import org.icugym.core.clinical.schema.SepsisSchema;

/**
 * Reads cohort CSV files (gzip when the name ends in {@code .gz}), streaming one stay at a time.
 *
 * <p>{@link Mode#COHORT} reads the files this project writes: every {@link CohortSchema} column
 * must be present, and a value outside its feature's plausible bounds is an error.
 * {@link Mode#IMPORT} reads extractions in AI Clinician column naming: only {@code icustayid},
 * {@code bloc}, {@code input_4hourly}, {@code max_dose_vaso} and {@code mortality_90d} are
 * required; absent features stay missing, absent derived scores, bins and cumulative totals are
 * computed, unknown columns are ignored, and implausible values are set missing; all of it is
 * listed in the {@link ImportReport}.
 *
 * <p>In both modes a malformed file fails with a {@link CohortFormatException} naming the file,
 * line and column: a missing required column, a wrong number of fields, an unparsable or
 * negative number, a stay whose rows are not contiguous or whose {@code bloc} does not increase,
 * or a stay whose outcome changes between rows.
 */
public final class CohortReader {

    /** How strictly to read. */
    public enum Mode {
        /** This project's cohort files: all columns required, implausible values are errors. */
        COHORT,
        /** External extractions: see the class description. */
        IMPORT
    }

    private static final int OBSERVED = SepsisSchema.OBSERVED.size();
    private static final int MECHVENT = CohortSchema.FEATURES.indexOf(SepsisSchema.MECHANICAL_VENTILATION);

    private final Path file;
    private final Mode mode;
    private final Map<String, ImportReport.OutOfRange> outOfRange = new LinkedHashMap<>();
    private CohortHeader header;
    private long rows;
    private long stays;

    private CohortReader(Path file, Mode mode) {
        this.file = file;
        this.mode = mode;
    }

    /** Reads every stay of a cohort file written by {@link CohortWriter}. */
    public static List<CohortStay> readAll(Path file) {
        List<CohortStay> stays = new ArrayList<>();
        read(file, Mode.COHORT, stays::add);
        return stays;
    }

    /**
     * Reads a file stay by stay.
     *
     * @param file the CSV or CSV.gz file
     * @param mode how strictly to read
     * @param sink receives each stay in file order
     * @return what was mapped, computed and dropped
     * @throws CohortFormatException if the file is malformed
     * @throws UncheckedIOException if it cannot be read
     */
    public static ImportReport read(Path file, Mode mode, Consumer<CohortStay> sink) {
        return new CohortReader(file, mode).run(sink);
    }

    private ImportReport run(Consumer<CohortStay> sink) {
        try (BufferedReader in = CsvFiles.reader(file)) {
            String line = in.readLine();
            if (line == null) {
                throw new CohortFormatException(file, 1, 0, null, "the file is empty; expected a header line starting "
                        + "with icustayid,bloc");
            }
            header = CohortHeader.parse(file, line, mode == Mode.COHORT);
            StayRows current = null;
            Set<Long> finished = new HashSet<>();
            long lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                CsvRow row = CsvRow.split(file, header, lineNo, line);
                long id = (long) row.integer(header.column(ID));
                if (current == null || current.id != id) {
                    if (current != null) {
                        finished.add(current.id);
                        emit(current, sink);
                    }
                    if (finished.contains(id)) {
                        throw row.error(header.column(ID), "rows of stay " + id + " are not contiguous; sort the file by "
                                + "icustayid, then bloc");
                    }
                    current = new StayRows(id);
                }
                current.add(row, parse(row));
                rows++;
            }
            if (current != null) {
                emit(current, sink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cohort file " + file + ": " + e.getMessage(), e);
        }
        return report();
    }

    /** The values of one row; totals and probability NaN where the file lacks them. */
    record ParsedRow(double[] features, int bloc, TreatmentDose dose, TreatmentAction action, double probability,
            double inputTotal, double outputTotal, boolean died) {}

    private ParsedRow parse(CsvRow row) {
        double[] features = new double[CohortSchema.FEATURES.size()];
        for (int f = 0; f < features.length; f++) {
            Integer c = header.column(f);
            features[f] = c == null ? Double.NaN : feature(row, c, CohortSchema.FEATURES.get(f));
        }
        int bloc = (int) row.integer(header.column(BLOC));
        TreatmentDose dose = new TreatmentDose(row.dose(header.column(FLUID)), row.dose(header.column(VASO)));
        TreatmentAction action = action(row, dose);
        double probability = optional(row, PROB);
        if (!Double.isNaN(probability) && !(probability > 0 && probability <= 1)) {
            throw row.error(header.column(PROB), "behaviour probability " + probability + " is not in (0, 1]; leave it "
                    + "empty if unknown");
        }
        double mortality = row.integer(header.column(MORTALITY));
        if (mortality != 0 && mortality != 1) {
            throw row.error(header.column(MORTALITY), "mortality_90d must be 0 or 1, got " + row.text(header.column(MORTALITY)));
        }
        return new ParsedRow(features, bloc, dose, action, probability, optional(row, INPUT_TOTAL),
                optional(row, OUTPUT_TOTAL), mortality == 1);
    }

    /** A feature value in its schema unit; out of range: an error (cohort) or missing and reported (import). */
    private double feature(CsvRow row, int c, Feature feature) {
        double raw = row.number(c, true);
        if (Double.isNaN(raw)) {
            return raw;
        }
        double v = feature.column().scale() == 1.0 ? raw : CsvFiles.round(feature.column().toSchemaUnit(raw), 9);
        if (feature.isPlausible(v)) {
            return v;
        }
        double low = feature.column().toColumnUnit(feature.lowerBound());
        double high = feature.column().toColumnUnit(feature.upperBound());
        if (mode == Mode.COHORT) {
            throw row.error(c, raw + " is outside the plausible range [" + low + ", " + high + "] of " + feature.name()
                    + "; check the unit or leave the cell empty");
        }
        outOfRange.merge(header.name(c), new ImportReport.OutOfRange(1, row.line(), raw, low, high),
                (a, b) -> new ImportReport.OutOfRange(a.count() + 1, a.firstLine(), a.firstValue(), low, high));
        return Double.NaN;
    }

    private TreatmentAction action(CsvRow row, TreatmentDose dose) {
        TreatmentAction fromDoses = ActionGrid.DEFAULT.actionOf(dose);
        int f = header.has(FLUID_BIN) ? row.bin(header.column(FLUID_BIN)) : fromDoses.fluidBin();
        int v = header.has(VASO_BIN) ? row.bin(header.column(VASO_BIN)) : fromDoses.vasopressorBin();
        TreatmentAction action = new TreatmentAction(f, v);
        if (header.has(ACTION) && row.integer(header.column(ACTION)) != action.index()) {
            throw row.error(header.column(ACTION), "action " + row.text(header.column(ACTION)) + " is not 5 × fluid_bin + "
                    + "vaso_bin = " + action.index() + "; fix the bins or the action");
        }
        return action;
    }

    private double optional(CsvRow row, int role) {
        return header.has(role) ? row.number(header.column(role), true) : Double.NaN;
    }

    private void emit(StayRows stay, Consumer<CohortStay> sink) {
        sink.accept(stay.build());
        stays++;
    }

    private ImportReport report() {
        List<String> absent = new ArrayList<>();
        List<String> computed = new ArrayList<>();
        for (int f = 0; f < CohortSchema.FEATURES.size(); f++) {
            if (!header.has(f)) {
                (f < OBSERVED || f == MECHVENT ? absent : computed).add(CohortSchema.FEATURES.get(f).column().name());
            }
        }
        for (int role : new int[] {FLUID_BIN, VASO_BIN, INPUT_TOTAL, OUTPUT_TOTAL}) {
            if (!header.has(role)) {
                computed.add(CohortHeader.nameOf(role));
            }
        }
        return new ImportReport(file, rows, stays, header.unmapped(), absent, computed, outOfRange);
    }

    /** The rows of one stay, checked as they come; computed columns are filled when the stay is complete. */
    private final class StayRows {
        final long id;
        final List<ParsedRow> rows = new ArrayList<>();

        StayRows(long id) {
            this.id = id;
        }

        void add(CsvRow line, ParsedRow row) {
            if (!rows.isEmpty()) {
                ParsedRow last = rows.get(rows.size() - 1);
                if (row.bloc() <= last.bloc()) {
                    throw line.error(header.column(BLOC), "bloc " + row.bloc() + " follows bloc " + last.bloc() + " in stay "
                            + id + "; steps must increase within a stay (sort by icustayid, then bloc)");
                }
                if (row.died() != last.died()) {
                    throw line.error(header.column(MORTALITY), "mortality_90d changes within stay " + id
                            + "; the outcome must be the same on every row of a stay");
                }
            }
            rows.add(row);
        }

        CohortStay build() {
            Set<Integer> present = new HashSet<>();
            for (int f = 0; f < CohortSchema.FEATURES.size(); f++) {
                if (header.has(f)) {
                    present.add(f);
                }
            }
            DerivedColumns.fill(rows, present);
            int urine = SepsisSchema.observedIndex(SepsisSchema.OUTPUT_4HOURLY);
            List<CohortStep> steps = new ArrayList<>(rows.size());
            double input = 0;
            double output = 0;
            for (int k = 0; k < rows.size(); k++) {
                ParsedRow r = rows.get(k);
                if (k > 0) {
                    input += rows.get(k - 1).dose().fluidMlPer4h();
                    output += Double.isNaN(r.features()[urine]) ? 0 : r.features()[urine];
                }
                input = Double.isNaN(r.inputTotal()) ? input : r.inputTotal();
                output = Double.isNaN(r.outputTotal()) ? output : r.outputTotal();
                steps.add(new CohortStep(r.bloc(), r.features(), r.dose(), r.action(), r.probability(), input, output));
            }
            return new CohortStay(id, steps, rows.get(0).died());
        }
    }
}
