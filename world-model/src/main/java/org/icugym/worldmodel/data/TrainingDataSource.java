package org.icugym.worldmodel.data;

/**
 * Where world-model training data comes from: an adapter from a cohort (a simulator run, a cohort
 * CSV, a credentialed extraction) to {@link TrainingData}.
 */
@FunctionalInterface
public interface TrainingDataSource {

    /**
     * Reads the cohort and prepares it for training.
     *
     * @return the standardized stays with the scaling and action grid used
     * @throws java.io.UncheckedIOException if the cohort cannot be read
     * @throws IllegalArgumentException if the cohort does not fit the sepsis schema
     */
    TrainingData load();
}
