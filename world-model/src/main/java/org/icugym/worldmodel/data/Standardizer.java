package org.icugym.worldmodel.data;

import java.util.Arrays;
import java.util.List;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.Feature;
import org.icugym.core.clinical.schema.FeatureScaling;
import org.icugym.core.clinical.schema.SepsisSchema;

/**
 * The normalisation statistics a world model was trained with: for every feature of {@link
 * SepsisSchema#OBSERVED}, the mean and SD after its {@link
 * org.icugym.core.clinical.schema.Normalisation} transform.
 *
 * <p>The same arithmetic as {@link FeatureScaling}, but restorable from stored numbers, so a
 * saved model standardizes exactly as it did in training.
 *
 * @param means per-feature mean of the transformed value, {@link SepsisSchema#OBSERVED} order
 * @param sds per-feature SD of the transformed value (&gt; 0), same order
 */
public record Standardizer(double[] means, double[] sds) {
    private static final List<Feature> FEATURES = SepsisSchema.OBSERVED;

    /** Validates sizes and that every SD is positive and finite. */
    public Standardizer {
        if (means.length != FEATURES.size() || sds.length != FEATURES.size()) {
            throw new IllegalArgumentException("expected " + FEATURES.size() + " means and SDs, got "
                    + means.length + " and " + sds.length);
        }
        for (int i = 0; i < sds.length; i++) {
            if (!(sds[i] > 0) || !Double.isFinite(sds[i]) || !Double.isFinite(means[i])) {
                throw new IllegalArgumentException(FEATURES.get(i).name() + ": mean " + means[i] + ", SD " + sds[i]
                        + " (SD must be positive and finite)");
            }
        }
        means = means.clone();
        sds = sds.clone();
    }

    /** The statistics of a fitted {@link FeatureScaling}. */
    public static Standardizer of(FeatureScaling scaling) {
        double[] means = new double[FEATURES.size()];
        double[] sds = new double[FEATURES.size()];
        for (int i = 0; i < means.length; i++) {
            means[i] = scaling.mean(FEATURES.get(i));
            sds[i] = scaling.sd(FEATURES.get(i));
        }
        return new Standardizer(means, sds);
    }

    /** Standardized value of observed feature {@code index} (in {@link SepsisSchema#OBSERVED}); NaN stays NaN. */
    public double standardize(int index, double value) {
        return (FEATURES.get(index).normalisation().transform(value) - means[index]) / sds[index];
    }

    /** The value, in the feature's unit, of standardized value {@code z} of observed feature {@code index}. */
    public double restore(int index, double z) {
        return FEATURES.get(index).normalisation().inverse(z * sds[index] + means[index]);
    }

    /** Every observed feature of an observation standardized, NaN where missing. */
    public double[] standardize(ClinicalObservation observation) {
        double[] values = observation.toArray();
        for (int i = 0; i < values.length; i++) {
            values[i] = standardize(i, values[i]);
        }
        return values;
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] sds() {
        return sds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer other && Arrays.equals(means, other.means) && Arrays.equals(sds, other.sds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(sds);
    }

    @Override
    public String toString() {
        return "Standardizer{" + FEATURES.size() + " features}";
    }
}
