package org.icugym.core.clinical.schema;

/**
 * How a feature is transformed before standardisation (z-scoring with cohort mean and SD).
 *
 * <p>Follows the AI Clinician pipeline (Komorowski et al. 2018): right-skewed, non-negative
 * quantities are log-transformed as {@code ln(0.1 + x)} (the 0.1 offset keeps zero urine
 * output finite); binary flags are passed through unchanged; everything else is z-scored on
 * its raw scale.
 */
public enum Normalisation {
    /** Z-score of the raw value. */
    STANDARD,
    /** Z-score of {@code ln(0.1 + x)}; for right-skewed, non-negative quantities. */
    LOG,
    /** A 0/1 flag used as is (no centring or scaling). */
    BINARY;

    /** The offset added before the logarithm in {@link #LOG}. */
    public static final double LOG_OFFSET = 0.1;

    /**
     * The transformed value of {@code x} before z-scoring; NaN (missing) stays NaN.
     *
     * @param x value in the feature's unit
     * @return {@code ln(0.1 + x)} for {@link #LOG}, {@code x} otherwise
     */
    public double transform(double x) {
        return this == LOG ? Math.log(LOG_OFFSET + x) : x;
    }

    /**
     * The value in the feature's unit whose transform is {@code y}; inverse of {@link #transform}.
     *
     * @param y transformed value
     * @return {@code exp(y) - 0.1} for {@link #LOG}, {@code y} otherwise
     */
    public double inverse(double y) {
        return this == LOG ? Math.exp(y) - LOG_OFFSET : y;
    }
}
