package org.icugym.core.clinical.schema;

import java.util.Arrays;

/**
 * One step's observed values of a patient: the 39 dynamic and 3 static features of {@link
 * SepsisSchema#OBSERVED}, each in its schema unit, with {@code NaN} meaning "not measured".
 *
 * <p>Immutable; {@link #with} returns a modified copy. Values are not clipped or validated here
 * (cohort import and the simulators do that with {@link Feature#isPlausible}).
 */
public final class ClinicalObservation {
    private static final int SIZE = SepsisSchema.OBSERVED.size();

    private final double[] values;

    private ClinicalObservation(double[] values) {
        this.values = values;
    }

    /** An observation with every feature missing. */
    public static ClinicalObservation empty() {
        double[] values = new double[SIZE];
        Arrays.fill(values, Double.NaN);
        return new ClinicalObservation(values);
    }

    /**
     * An observation from values in {@link SepsisSchema#OBSERVED} order (copied).
     *
     * @param values 42 values in schema units, NaN for missing
     * @throws IllegalArgumentException if the length is not 42
     */
    public static ClinicalObservation of(double[] values) {
        if (values.length != SIZE) {
            throw new IllegalArgumentException("expected " + SIZE + " values, got " + values.length);
        }
        return new ClinicalObservation(values.clone());
    }

    /** The value of an observed feature in its unit, or NaN if missing. */
    public double get(Feature feature) {
        return values[SepsisSchema.observedIndex(feature)];
    }

    /** Whether the feature was not measured at this step. */
    public boolean isMissing(Feature feature) {
        return Double.isNaN(get(feature));
    }

    /** A copy with one feature set (in its unit; NaN clears it). */
    public ClinicalObservation with(Feature feature, double value) {
        double[] copy = values.clone();
        copy[SepsisSchema.observedIndex(feature)] = value;
        return new ClinicalObservation(copy);
    }

    /** The values in {@link SepsisSchema#OBSERVED} order (a copy). */
    public double[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClinicalObservation other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ClinicalObservation{");
        for (int i = 0; i < SIZE; i++) {
            if (!Double.isNaN(values[i])) {
                sb.append(SepsisSchema.OBSERVED.get(i).name()).append('=').append(values[i]).append(' ');
            }
        }
        return sb.append('}').toString();
    }
}
