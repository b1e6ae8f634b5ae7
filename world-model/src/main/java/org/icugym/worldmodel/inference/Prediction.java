package org.icugym.worldmodel.inference;

/**
 * A world model's prediction for a batch of input rows: a Gaussian over the next standardized
 * dynamic features and the probabilities of the three event heads.
 *
 * <p>Arrays are row-major and owned by the prediction: {@code mean} and {@code std} are {@code
 * [rows × featureCount]}, the probabilities {@code [rows]}.
 *
 * @param rows number of rows
 * @param featureCount dynamic features per row
 * @param mean predicted mean of the next standardized features
 * @param std predicted SD (standardized units, &gt; 0)
 * @param ventilation probability (0–1) that the patient is ventilated at the next step
 * @param end probability (0–1) that the stay ends (death or discharge) at the next step
 * @param death probability (0–1) that the patient dies (90-day mortality) after the stay
 */
public record Prediction(int rows, int featureCount, float[] mean, float[] std, float[] ventilation, float[] end,
        float[] death) {

    /** The predicted mean of feature {@code f} in row {@code row}. */
    public float mean(int row, int f) {
        return mean[row * featureCount + f];
    }

    /** The predicted SD of feature {@code f} in row {@code row}. */
    public float std(int row, int f) {
        return std[row * featureCount + f];
    }
}
