package org.icugym.core.clinical.schema;

import java.util.Objects;

/**
 * One sepsis feature: its name, unit, physiological bounds, normalisation and extraction column.
 *
 * <p>Bounds are plausibility limits, not reference ranges: a value outside {@code [lowerBound,
 * upperBound]} is a recording or unit error (cohort import reports it; simulators clip to it).
 *
 * @param name snake_case identifier, unique in {@link SepsisSchema}, e.g. {@code "heart_rate"}
 * @param description human-readable name, e.g. {@code "Heart rate"}
 * @param unit unit of every value of this feature, e.g. {@code "bpm"}; {@code "1"} if unitless
 * @param group what kind of feature it is
 * @param lowerBound lowest plausible value, in {@code unit}
 * @param upperBound highest plausible value, in {@code unit}
 * @param normalisation transform applied before z-scoring
 * @param column the MIMIC sepsis extraction column holding it
 */
public record Feature(
        String name,
        String description,
        String unit,
        FeatureGroup group,
        double lowerBound,
        double upperBound,
        Normalisation normalisation,
        ExtractionColumn column) {

    /** Validates the definition. */
    public Feature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(normalisation, "normalisation");
        Objects.requireNonNull(column, "column");
        if (!(lowerBound < upperBound)) {
            throw new IllegalArgumentException(name + ": bounds " + lowerBound + ".." + upperBound);
        }
    }

    /**
     * Whether {@code value} (in {@link #unit()}) lies within the physiological bounds.
     * NaN (missing) is not within bounds.
     */
    public boolean isPlausible(double value) {
        return value >= lowerBound && value <= upperBound;
    }

    /** The value clipped to the physiological bounds; NaN stays NaN. */
    public double clip(double value) {
        return Double.isNaN(value) ? value : Math.max(lowerBound, Math.min(upperBound, value));
    }

    /** Whether the feature is fixed for the whole stay. */
    public boolean isStatic() {
        return group == FeatureGroup.STATIC;
    }

    /** Whether the feature is computed from other features rather than measured. */
    public boolean isDerived() {
        return group == FeatureGroup.DERIVED;
    }
}
