package org.icugym.core.clinical.cohort;

import java.util.Locale;

/** The split a stay belongs to; a cohort directory holds one file per split. */
public enum CohortSplit {
    /** Training stays (70 % by default). */
    TRAIN,
    /** Validation stays (15 %). */
    VALIDATION,
    /** Test stays (15 %). */
    TEST;

    /** The split's cohort file name, e.g. {@code train.csv.gz}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT) + ".csv.gz";
    }

    /** The split's latent-state file name, e.g. {@code train_latent.csv.gz}. */
    public String latentFileName() {
        return name().toLowerCase(Locale.ROOT) + "_latent.csv.gz";
    }
}
