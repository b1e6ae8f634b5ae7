package org.icugym.core.clinical.cohort;

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
import org.icugym.core.clinical.schema.CohortColumn;
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

    private static final int ID = -1;
    private static final int BLOC = -2;
    private static final int FLUID = -3;
    private static final int VASO = -4;
    private static final int FLUID_BIN = -5;
    private static final int VASO_BIN = -6;
    private static final int ACTION = -7;
    private static final int PROB = -8;
    private static final int INPUT_TOTAL = -9;
    private static final int OUTPUT_TOTAL = -10;
    private static final int BALANCE = -11;
    private static final int MORTALITY = -12;
    private static final int UNMAPPED = -100;
    private static final int OBSERVED = SepsisSchema.OBSERVED.size();
    private static final int MECHVENT = CohortSchema.FEATURES.indexOf(SepsisSchema.MECHANICAL_VENTILATION);

    private final Path file;
    private final Mode mode;
    private String[] header;
    private int[] role;
    private final Map<Integer, Integer> columnOf = new LinkedHashMap<>();
    private final Map<String, ImportReport.OutOfRange> outOfRange = new LinkedHashMap<>();
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
                throw error(1, -1, "the file is empty; expected a header line starting with icustayid,bloc");
            }
            mapHeader(line);
            StayBuilder current = null;
            Set<Long> finished = new HashSet<>();
            long lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line, lineNo);
                long id = (long) integer(cells, columnOf.get(ID), lineNo);
                if (current == null || current.id != id) {
                    if (current != null) {
                        finished.add(current.id);
                        emit(current, sink);
                    }
                    if (finished.contains(id)) {
                        throw error(lineNo, columnOf.get(ID), "rows of stay " + id + " are not contiguous; sort the file by "
                                + "icustayid, then bloc");
                    }
                    current = new StayBuilder(id);
                }
                current.add(parseRow(cells, lineNo, current), lineNo);
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

    private void mapHeader(String line) {
        header = line.split(",", -1);
        role = new int[header.length];
        Map<String, Integer> known = knownColumns();
        for (int c = 0; c < header.length; c++) {
            String name = unquote(header[c].strip());
            header[c] = name;
            Integer r = known.get(name);
            if (r == null || columnOf.containsKey(r)) {
                if (r != null) {
                    throw error(1, c, "column " + name + " appears twice; keep one");
                }
                if (mode == Mode.COHORT) {
                    throw error(1, c, "unknown column " + name + "; cohort files hold exactly the columns of docs/cohort.md "
                            + "(use 'icugym cohort import' for other extractions)");
                }
                role[c] = UNMAPPED;
            } else {
                role[c] = r;
                columnOf.put(r, c);
            }
        }
        List<Integer> required = new ArrayList<>(List.of(ID, BLOC, FLUID, VASO, MORTALITY));
        if (mode == Mode.COHORT) {
            required.addAll(List.of(FLUID_BIN, VASO_BIN, ACTION, PROB, INPUT_TOTAL, OUTPUT_TOTAL, BALANCE));
            for (int f = 0; f < CohortSchema.FEATURES.size(); f++) {
                required.add(f);
            }
        }
        for (int r : required) {
            if (!columnOf.containsKey(r)) {
                throw error(1, -1, "missing column " + nameOfRole(r, known) + "; add it to the header (see docs/cohort.md "
                        + "for the column list)");
            }
        }
    }

    private double[] parseRow(String[] cells, long lineNo, StayBuilder stay) {
        double[] row = new double[CohortSchema.FEATURES.size()];
        for (int f = 0; f < row.length; f++) {
            Integer c = columnOf.get(f);
            if (c == null) {
                row[f] = Double.NaN;
                continue;
            }
            Feature feature = CohortSchema.FEATURES.get(f);
            double raw = number(cells, c, lineNo, true);
            double v = raw;
            if (!Double.isNaN(raw) && feature.column().scale() != 1.0) {
                v = CsvFiles.round(feature.column().toSchemaUnit(raw), 9);
            }
            if (!Double.isNaN(v) && !feature.isPlausible(v)) {
                if (mode == Mode.COHORT) {
                    throw error(lineNo, c, raw + " is outside the plausible range [" + feature.column().toColumnUnit(feature.lowerBound())
                            + ", " + feature.column().toColumnUnit(feature.upperBound()) + "] " + feature.unit()
                            + " of " + feature.name() + "; check the unit or leave the cell empty");
                }
                outOfRange.merge(header[c], new ImportReport.OutOfRange(1, lineNo, raw,
                        feature.column().toColumnUnit(feature.lowerBound()), feature.column().toColumnUnit(feature.upperBound())),
                        (a, b) -> new ImportReport.OutOfRange(a.count() + 1, a.firstLine(), a.firstValue(), a.lowerBound(),
                                a.upperBound()));
                v = Double.NaN;
            }
            row[f] = v;
        }
        stay.bloc = (int) integer(cells, columnOf.get(BLOC), lineNo);
        double fluid = dose(cells, columnOf.get(FLUID), lineNo);
        double vaso = dose(cells, columnOf.get(VASO), lineNo);
        stay.dose = new TreatmentDose(fluid, vaso);
        stay.action = action(cells, lineNo, stay.dose);
        Integer p = columnOf.get(PROB);
        stay.probability = p == null ? Double.NaN : number(cells, p, lineNo, true);
        if (!Double.isNaN(stay.probability) && !(stay.probability > 0 && stay.probability <= 1)) {
            throw error(lineNo, p, "behaviour probability " + stay.probability + " is not in (0, 1]; leave it empty if unknown");
        }
        Integer in = columnOf.get(INPUT_TOTAL);
        Integer out = columnOf.get(OUTPUT_TOTAL);
        stay.inputTotal = in == null ? Double.NaN : number(cells, in, lineNo, false);
        stay.outputTotal = out == null ? Double.NaN : number(cells, out, lineNo, false);
        double mortality = integer(cells, columnOf.get(MORTALITY), lineNo);
        if (mortality != 0 && mortality != 1) {
            throw error(lineNo, columnOf.get(MORTALITY), "mortality_90d must be 0 or 1, got " + cells[columnOf.get(MORTALITY)]);
        }
        stay.rowDied = mortality == 1;
        return row;
    }

    private TreatmentAction action(String[] cells, long lineNo, TreatmentDose dose) {
        Integer fc = columnOf.get(FLUID_BIN);
        Integer vc = columnOf.get(VASO_BIN);
        TreatmentAction fromDoses = ActionGrid.DEFAULT.actionOf(dose);
        int f = fc == null ? fromDoses.fluidBin() : bin(cells, fc, lineNo);
        int v = vc == null ? fromDoses.vasopressorBin() : bin(cells, vc, lineNo);
        TreatmentAction action = new TreatmentAction(f, v);
        Integer ac = columnOf.get(ACTION);
        if (ac != null && integer(cells, ac, lineNo) != action.index()) {
            throw error(lineNo, ac, "action " + cells[ac] + " is not 5 × fluid_bin + vaso_bin = " + action.index()
                    + "; fix the bins or the action");
        }
        return action;
    }

    private int bin(String[] cells, int c, long lineNo) {
        double b = integer(cells, c, lineNo);
        if (b < 0 || b > 4) {
            throw error(lineNo, c, "bin " + cells[c] + " is not in 0-4");
        }
        return (int) b;
    }

    private double dose(String[] cells, int c, long lineNo) {
        double d = number(cells, c, lineNo, false);
        if (d < 0 || Double.isInfinite(d)) {
            throw error(lineNo, c, "dose " + cells[c] + " must be finite and >= 0");
        }
        return d;
    }

    private double integer(String[] cells, int c, long lineNo) {
        double v = number(cells, c, lineNo, false);
        if (v != Math.rint(v)) {
            throw error(lineNo, c, "expected a whole number, got '" + cells[c] + "'");
        }
        return v;
    }

    private double number(String[] cells, int c, long lineNo, boolean emptyAllowed) {
        String s = cells[c];
        if (s.isEmpty() || s.equals("NA") || s.equals("NaN") || s.equals("nan")) {
            if (!emptyAllowed) {
                throw error(lineNo, c, "value is missing; " + header[c] + " is required on every row");
            }
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(s);
            if (Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(lineNo, c, "cannot parse '" + s + "' as a number; write numbers with a '.' decimal point and "
                    + "leave missing values empty");
        }
    }

    private String[] split(String line, long lineNo) {
        String[] cells = line.split(",", -1);
        if (cells.length != header.length) {
            throw error(lineNo, -1, "expected " + header.length + " fields as in the header, found " + cells.length
                    + "; check for a missing or extra comma");
        }
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }

    private void emit(StayBuilder stay, Consumer<CohortStay> sink) {
        sink.accept(stay.build());
        stays++;
    }

    private ImportReport report() {
        Map<String, Integer> known = knownColumns();
        List<String> unmapped = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (role[c] == UNMAPPED) {
                unmapped.add(header[c]);
            }
        }
        List<String> absent = new ArrayList<>();
        List<String> computed = new ArrayList<>();
        for (int f = 0; f < CohortSchema.FEATURES.size(); f++) {
            if (!columnOf.containsKey(f)) {
                (f < OBSERVED || f == MECHVENT ? absent : computed).add(CohortSchema.FEATURES.get(f).column().name());
            }
        }
        for (int r : new int[] {FLUID_BIN, VASO_BIN, INPUT_TOTAL, OUTPUT_TOTAL}) {
            if (!columnOf.containsKey(r)) {
                computed.add(nameOfRole(r, known));
            }
        }
        return new ImportReport(file, rows, stays, unmapped, absent, computed, outOfRange);
    }

    private CohortFormatException error(long line, int columnIndex, String problem) {
        String name = columnIndex >= 0 && header != null && columnIndex < header.length ? header[columnIndex] : null;
        return new CohortFormatException(file, line, columnIndex + 1, name, problem);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static Map<String, Integer> knownColumns() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(CohortColumn.ICU_STAY_ID.columnName(), ID);
        m.put(CohortColumn.BLOC.columnName(), BLOC);
        for (int f = 0; f < CohortSchema.FEATURES.size(); f++) {
            m.put(CohortSchema.FEATURES.get(f).column().name(), f);
        }
        m.put(CohortColumn.INPUT_4HOURLY.columnName(), FLUID);
        m.put(CohortColumn.MAX_DOSE_VASO.columnName(), VASO);
        m.put(CohortSchema.FLUID_BIN, FLUID_BIN);
        m.put(CohortSchema.VASO_BIN, VASO_BIN);
        m.put(CohortSchema.ACTION, ACTION);
        m.put(CohortSchema.BEHAVIOUR_PROB, PROB);
        m.put(CohortColumn.INPUT_TOTAL.columnName(), INPUT_TOTAL);
        m.put(CohortColumn.OUTPUT_TOTAL.columnName(), OUTPUT_TOTAL);
        m.put(CohortColumn.CUMULATED_BALANCE.columnName(), BALANCE);
        m.put(CohortColumn.MORTALITY_90D.columnName(), MORTALITY);
        return m;
    }

    private static String nameOfRole(int r, Map<String, Integer> known) {
        return known.entrySet().stream().filter(e -> e.getValue() == r).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** Collects the rows of one stay, then fills computed columns. */
    private final class StayBuilder {
        final long id;
        final List<double[]> features = new ArrayList<>();
        final List<CohortStepParts> parts = new ArrayList<>();
        int bloc;
        TreatmentDose dose;
        TreatmentAction action;
        double probability;
        double inputTotal;
        double outputTotal;
        boolean rowDied;
        Boolean died;

        StayBuilder(long id) {
            this.id = id;
        }

        void add(double[] row, long lineNo) {
            if (!parts.isEmpty() && bloc <= parts.get(parts.size() - 1).bloc) {
                throw error(lineNo, columnOf.get(BLOC), "bloc " + bloc + " follows bloc " + parts.get(parts.size() - 1).bloc
                        + " in stay " + id + "; steps must increase within a stay (sort by icustayid, then bloc)");
            }
            if (died != null && died != rowDied) {
                throw error(lineNo, columnOf.get(MORTALITY), "mortality_90d changes within stay " + id
                        + "; the outcome must be the same on every row of a stay");
            }
            died = rowDied;
            features.add(row);
            parts.add(new CohortStepParts(bloc, dose, action, probability, inputTotal, outputTotal));
        }

        CohortStay build() {
            DerivedColumns.fill(features, parts, columnOf.keySet());
            List<CohortStep> steps = new ArrayList<>(parts.size());
            int urineIndex = SepsisSchema.observedIndex(SepsisSchema.OUTPUT_4HOURLY);
            double input = 0;
            double output = 0;
            for (int k = 0; k < parts.size(); k++) {
                CohortStepParts p = parts.get(k);
                if (k > 0) {
                    double urine = features.get(k)[urineIndex];
                    input += parts.get(k - 1).dose.fluidMlPer4h();
                    output += Double.isNaN(urine) ? 0 : urine;
                }
                input = Double.isNaN(p.inputTotal) ? input : p.inputTotal;
                output = Double.isNaN(p.outputTotal) ? output : p.outputTotal;
                steps.add(new CohortStep(p.bloc, features.get(k), p.dose, p.action, p.probability, input, output));
            }
            return new CohortStay(id, steps, died);
        }
    }

    /** The non-feature values of one row. */
    record CohortStepParts(int bloc, TreatmentDose dose, TreatmentAction action, double probability, double inputTotal,
            double outputTotal) {}
}
