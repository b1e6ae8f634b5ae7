package org.icugym.core.env;

import java.util.List;

/**
 * The answer to one Simulate call: per candidate plan, per future step, summary statistics over
 * the samples.
 *
 * @param featureNames names of the F forecast features
 * @param flagNames names of the R safety flags
 * @param numSamples samples drawn per candidate
 * @param groundTruth whether the forecast comes from the true dynamics
 * @param candidates one forecast per plan, in request order
 */
public record Forecast(List<String> featureNames, List<String> flagNames, int numSamples, boolean groundTruth,
        List<CandidateForecast> candidates) {

    /** Copies the lists. */
    public Forecast {
        featureNames = List.copyOf(featureNames);
        flagNames = List.copyOf(flagNames);
        candidates = List.copyOf(candidates);
    }
}
