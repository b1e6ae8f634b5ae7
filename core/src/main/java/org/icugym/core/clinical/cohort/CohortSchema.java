package org.icugym.core.clinical.cohort;

import java.util.ArrayList;
import java.util.List;
import org.icugym.core.clinical.schema.CohortColumn;
import org.icugym.core.clinical.schema.Feature;
import org.icugym.core.clinical.schema.SepsisSchema;

/**
 * The columns of a cohort CSV file, in order. One row per 4 h decision step of a stay; rows of a
 * stay are contiguous and ordered by {@code bloc}.
 *
 * <ol>
 *   <li>{@code icustayid} (stay identifier) and {@code bloc} (1-based step number);</li>
 *   <li>the 42 observed features of {@link SepsisSchema#OBSERVED} under their extraction column
 *       names ({@code HR}, {@code MeanBP}, {@code Arterial_lactate}, ...), in the column's unit
 *       (e.g. {@code FiO2_1} as a fraction), recorded at this step only: empty when not measured;</li>
 *   <li>the 12 derived features of {@link SepsisSchema#DERIVED_FEATURES} ({@code SOFA}, ...,
 *       {@code mechvent}), computed from the sample-and-hold view of the features; empty when an
 *       input was never measured;</li>
 *   <li>the action: {@code input_4hourly} (mL/4h), {@code max_dose_vaso} (mcg/kg/min), their
 *       bins {@code fluid_bin} and {@code vaso_bin} (0–4), {@code action} (5 × fluid_bin +
 *       vaso_bin) and {@code behaviour_prob}, the probability the behaviour policy gave the taken
 *       action (empty when unknown, e.g. for real data);</li>
 *   <li>{@code input_total}, {@code output_total} and {@code cumulated_balance} (mL, cumulative
 *       at the start of the step, before its action);</li>
 *   <li>{@code mortality_90d} (1 = died within 90 days), the same on every row of a stay.</li>
 * </ol>
 */
public final class CohortSchema {
    /** Fluid bin of the taken action (0–4). */
    public static final String FLUID_BIN = "fluid_bin";
    /** Vasopressor bin of the taken action (0–4). */
    public static final String VASO_BIN = "vaso_bin";
    /** Index of the taken action (0–24, 5 × fluid_bin + vaso_bin). */
    public static final String ACTION = "action";
    /** Probability the behaviour policy gave the taken action (0–1; empty if unknown). */
    public static final String BEHAVIOUR_PROB = "behaviour_prob";

    /** The features written per row: observed then derived. */
    public static final List<Feature> FEATURES = SepsisSchema.ALL;

    /** Every column name in file order. */
    public static final List<String> COLUMNS = columns();

    private CohortSchema() {}

    private static List<String> columns() {
        List<String> names = new ArrayList<>();
        names.add(CohortColumn.ICU_STAY_ID.columnName());
        names.add(CohortColumn.BLOC.columnName());
        for (Feature f : FEATURES) {
            names.add(f.column().name());
        }
        names.add(CohortColumn.INPUT_4HOURLY.columnName());
        names.add(CohortColumn.MAX_DOSE_VASO.columnName());
        names.add(FLUID_BIN);
        names.add(VASO_BIN);
        names.add(ACTION);
        names.add(BEHAVIOUR_PROB);
        names.add(CohortColumn.INPUT_TOTAL.columnName());
        names.add(CohortColumn.OUTPUT_TOTAL.columnName());
        names.add(CohortColumn.CUMULATED_BALANCE.columnName());
        names.add(CohortColumn.MORTALITY_90D.columnName());
        return List.copyOf(names);
    }
}
