package org.icugym.core.clinical.cohort;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icugym.core.clinical.schema.CohortColumn;

/**
 * The header of a cohort CSV file: which column holds which schema role. Roles 0–53 are the
 * {@link CohortSchema#FEATURES} by index; the other roles are the negative constants below.
 */
final class CohortHeader {
    static final int ID = -1;
    static final int BLOC = -2;
    static final int FLUID = -3;
    static final int VASO = -4;
    static final int FLUID_BIN = -5;
    static final int VASO_BIN = -6;
    static final int ACTION = -7;
    static final int PROB = -8;
    static final int INPUT_TOTAL = -9;
    static final int OUTPUT_TOTAL = -10;
    static final int BALANCE = -11;
    static final int MORTALITY = -12;

    private static final Map<String, Integer> ROLES = roles();
    private static final List<Integer> ALWAYS_REQUIRED = List.of(ID, BLOC, FLUID, VASO, MORTALITY);
    private static final List<Integer> COHORT_REQUIRED = List.of(FLUID_BIN, VASO_BIN, ACTION, PROB, INPUT_TOTAL,
            OUTPUT_TOTAL, BALANCE);

    private final String[] names;
    private final Map<Integer, Integer> columnOf;
    private final List<String> unmapped;

    private CohortHeader(String[] names, Map<Integer, Integer> columnOf, List<String> unmapped) {
        this.names = names;
        this.columnOf = columnOf;
        this.unmapped = unmapped;
    }

    /**
     * Maps a header line.
     *
     * @param strict whether every schema column is required and unknown columns are errors
     * @throws CohortFormatException for a duplicate, unknown (strict) or missing required column
     */
    static CohortHeader parse(Path file, String line, boolean strict) {
        String[] names = line.split(",", -1);
        Map<Integer, Integer> columnOf = new HashMap<>();
        List<String> unmapped = new ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            names[c] = unquote(names[c].strip());
            Integer role = ROLES.get(names[c]);
            if (role != null && columnOf.containsKey(role)) {
                throw new CohortFormatException(file, 1, c + 1, names[c], "column " + names[c] + " appears twice; keep one");
            }
            if (role == null && strict) {
                throw new CohortFormatException(file, 1, c + 1, names[c], "unknown column " + names[c] + "; cohort files "
                        + "hold exactly the columns of docs/cohort.md (use 'icugym cohort import' for other extractions)");
            }
            if (role == null) {
                unmapped.add(names[c]);
            } else {
                columnOf.put(role, c);
            }
        }
        List<Integer> required = new ArrayList<>(ALWAYS_REQUIRED);
        if (strict) {
            required.addAll(COHORT_REQUIRED);
            for (int f = 0; f < CohortSchema.FEATURES.size(); f++) {
                required.add(f);
            }
        }
        for (int role : required) {
            if (!columnOf.containsKey(role)) {
                throw new CohortFormatException(file, 1, 0, null, "missing column " + nameOf(role)
                        + "; add it to the header (see docs/cohort.md for the column list)");
            }
        }
        return new CohortHeader(names, Map.copyOf(columnOf), List.copyOf(unmapped));
    }

    /** The column index (0-based) of a role, or null if the file lacks it. */
    Integer column(int role) {
        return columnOf.get(role);
    }

    /** Whether the file has a column for the role. */
    boolean has(int role) {
        return columnOf.containsKey(role);
    }

    /** Number of columns. */
    int size() {
        return names.length;
    }

    /** The name of column {@code c} (0-based). */
    String name(int c) {
        return names[c];
    }

    /** The header columns that map to no role, in file order. */
    List<String> unmapped() {
        return unmapped;
    }

    /** The column name of a role in the cohort schema. */
    static String nameOf(int role) {
        return ROLES.entrySet().stream().filter(e -> e.getValue() == role).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static Map<String, Integer> roles() {
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
        return Map.copyOf(m);
    }
}
