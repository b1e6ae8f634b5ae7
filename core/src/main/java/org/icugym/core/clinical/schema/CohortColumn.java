package org.icugym.core.clinical.schema;

/**
 * A non-feature column of a cohort table in the MIMIC sepsis extraction naming (AI Clinician):
 * identifiers, treatments, fluid balance and outcome.
 *
 * <p>Feature columns are named by {@link Feature#column()}; these are the others a cohort needs.
 */
public enum CohortColumn {
    /** ICU stay identifier (integer). */
    ICU_STAY_ID("icustayid", "1", "ICU stay identifier"),
    /** Step number within the stay, 1-based, one step per 4 h. */
    BLOC("bloc", "1", "4-hour step number within the stay, starting at 1"),
    /** Intravenous fluid given during the step (mL/4h). */
    INPUT_4HOURLY("input_4hourly", "mL/4h", "IV fluid volume given during the step"),
    /** Maximum vasopressor rate during the step, norepinephrine-equivalent (mcg/kg/min). */
    MAX_DOSE_VASO("max_dose_vaso", "mcg/kg/min", "maximum norepinephrine-equivalent vasopressor rate in the step"),
    /** Cumulative fluid input since ICU admission (mL). */
    INPUT_TOTAL("input_total", "mL", "cumulative fluid input"),
    /** Cumulative fluid output since ICU admission (mL). */
    OUTPUT_TOTAL("output_total", "mL", "cumulative fluid output"),
    /** Cumulative fluid balance, input minus output (mL). */
    CUMULATED_BALANCE("cumulated_balance", "mL", "cumulative fluid balance, input minus output"),
    /** Death within 90 days of ICU admission (1 = died). */
    MORTALITY_90D("mortality_90d", "1", "death within 90 days (1 = died)");

    private final String columnName;
    private final String unit;
    private final String description;

    CohortColumn(String columnName, String unit, String description) {
        this.columnName = columnName;
        this.unit = unit;
        this.description = description;
    }

    /** The column name as written in the cohort table, e.g. {@code "icustayid"}. */
    public String columnName() {
        return columnName;
    }

    /** The unit of the column's values ({@code "1"} for identifiers, counts and flags). */
    public String unit() {
        return unit;
    }

    /** What the column holds, in words. */
    public String description() {
        return description;
    }
}
