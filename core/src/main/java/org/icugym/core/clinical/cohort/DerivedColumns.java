package org.icugym.core.clinical.cohort;

import java.util.List;
import java.util.Set;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.clinical.score.DerivedFeatures;

/**
 * Fills the derived feature columns a file lacks, as the generator computes them: from the
 * sample-and-hold view of the observed features, the previous step's vasopressor dose (the one
 * running while the features were recorded) and the ventilation flag (off where unknown).
 */
final class DerivedColumns {
    private static final int OBSERVED = SepsisSchema.OBSERVED.size();
    private static final int DERIVED = SepsisSchema.DERIVED_FEATURES.size();
    private static final int MECHVENT = CohortSchema.FEATURES.indexOf(SepsisSchema.MECHANICAL_VENTILATION);

    private DerivedColumns() {}

    /**
     * Computes, in place, every derived feature whose column index is not in {@code present}.
     *
     * @param rows the stay's rows; their {@link CohortSchema#FEATURES} arrays are completed
     * @param present the feature indices read from the file
     */
    static void fill(List<CohortReader.ParsedRow> rows, Set<Integer> present) {
        boolean complete = true;
        for (int d = 0; d < DERIVED; d++) {
            complete &= present.contains(OBSERVED + d);
        }
        if (complete) {
            return;
        }
        double[] held = new double[OBSERVED];
        java.util.Arrays.fill(held, Double.NaN);
        for (int k = 0; k < rows.size(); k++) {
            double[] row = rows.get(k).features();
            for (int i = 0; i < OBSERVED; i++) {
                if (!Double.isNaN(row[i])) {
                    held[i] = row[i];
                }
            }
            double vaso = k == 0 ? 0 : rows.get(k - 1).dose().vasopressorMcgKgMin();
            boolean ventilated = row[MECHVENT] == 1;
            double[] derived = DerivedFeatures.compute(ClinicalObservation.of(held), vaso, ventilated).toArray();
            for (int d = 0; d < DERIVED; d++) {
                if (!present.contains(OBSERVED + d)) {
                    row[OBSERVED + d] = CsvFiles.round(derived[d], 3);
                }
            }
        }
    }
}
