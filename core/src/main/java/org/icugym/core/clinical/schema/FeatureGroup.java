package org.icugym.core.clinical.schema;

/** The kind of a sepsis feature: how it is obtained and how often it changes. */
public enum FeatureGroup {
    /** A bedside vital sign charted at least every 4 h step. */
    VITAL,
    /** A laboratory value; often missing at a given step. */
    LAB,
    /** A fluid output measured over the 4 h step (urine output). */
    OUTPUT,
    /** A patient characteristic fixed for the whole stay (age, gender, comorbidity). */
    STATIC,
    /** A quantity computed from other features (scores, ratios) or recorded alongside them. */
    DERIVED
}
