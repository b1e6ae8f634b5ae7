package org.icugym.core.clinical.schema;

import java.util.Arrays;
import java.util.List;

/**
 * Per-feature standardisation statistics for {@link SepsisSchema#OBSERVED}: the mean and SD of
 * each feature after its {@link Normalisation} transform, fitted on a cohort.
 *
 * <p>{@code z = (transform(x) − mean) / sd}; {@link Normalisation#BINARY} features keep mean 0
 * and SD 1 (passed through). A feature with no measured value, or a constant one, gets SD 1 so
 * standardising never divides by zero. Missing values stay NaN.
 */
public final class FeatureScaling {
    private final double[] means;
    private final double[] sds;

    private FeatureScaling(double[] means, double[] sds) {
        this.means = means;
        this.sds = sds;
    }

    /**
     * Fits the statistics on observations (e.g. every step of a training cohort), ignoring NaN.
     *
     * @param observations the cohort's observations; may be empty (identity scaling)
     */
    public static FeatureScaling fit(List<ClinicalObservation> observations) {
        int size = SepsisSchema.OBSERVED.size();
        double[] sum = new double[size];
        double[] squares = new double[size];
        int[] count = new int[size];
        for (ClinicalObservation obs : observations) {
            double[] values = obs.toArray();
            for (int i = 0; i < size; i++) {
                double y = SepsisSchema.OBSERVED.get(i).normalisation().transform(values[i]);
                if (!Double.isNaN(y)) {
                    sum[i] += y;
                    squares[i] += y * y;
                    count[i]++;
                }
            }
        }
        double[] means = new double[size];
        double[] sds = new double[size];
        for (int i = 0; i < size; i++) {
            boolean binary = SepsisSchema.OBSERVED.get(i).normalisation() == Normalisation.BINARY;
            means[i] = binary || count[i] == 0 ? 0 : sum[i] / count[i];
            double variance = count[i] < 2 ? 0 : (squares[i] - count[i] * means[i] * means[i]) / (count[i] - 1);
            sds[i] = binary || !(variance > 1e-12) ? 1 : Math.sqrt(variance);
        }
        return new FeatureScaling(means, sds);
    }

    /** The standardised value of an observed feature; NaN stays NaN. */
    public double standardize(Feature feature, double value) {
        int i = SepsisSchema.observedIndex(feature);
        return (feature.normalisation().transform(value) - means[i]) / sds[i];
    }

    /** The value in the feature's unit whose standardised value is {@code z}. */
    public double restore(Feature feature, double z) {
        int i = SepsisSchema.observedIndex(feature);
        return feature.normalisation().inverse(z * sds[i] + means[i]);
    }

    /** All observed features of an observation standardised, in {@link SepsisSchema#OBSERVED} order. */
    public double[] standardize(ClinicalObservation observation) {
        double[] values = observation.toArray();
        for (int i = 0; i < values.length; i++) {
            Feature feature = SepsisSchema.OBSERVED.get(i);
            values[i] = (feature.normalisation().transform(values[i]) - means[i]) / sds[i];
        }
        return values;
    }

    /** The mean of the transformed feature (in transformed units). */
    public double mean(Feature feature) {
        return means[SepsisSchema.observedIndex(feature)];
    }

    /** The SD of the transformed feature (in transformed units, &gt; 0). */
    public double sd(Feature feature) {
        return sds[SepsisSchema.observedIndex(feature)];
    }

    @Override
    public String toString() {
        return "FeatureScaling{means=" + Arrays.toString(means) + ", sds=" + Arrays.toString(sds) + "}";
    }
}
