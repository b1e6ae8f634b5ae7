package org.icugym.worldmodel.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.cohort.CohortReader;
import org.icugym.core.clinical.cohort.CohortSchema;
import org.icugym.core.clinical.cohort.CohortSplit;
import org.icugym.core.clinical.cohort.CohortStay;
import org.icugym.core.clinical.cohort.CohortStep;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.SepsisSchema;

/**
 * Training data from a cohort directory in the project's CSV format ({@link CohortSchema}), as
 * written by the cohort generator: the stays of the given splits (by default train and
 * validation; the test split stays untouched for evaluation).
 *
 * <p>The cohort does not record why a stay ended, so a stay of exactly {@code windowSteps} rows
 * is taken as truncated by the window (not an end-of-stay event). Actions are the recorded bins of
 * the default grid.
 *
 * @param directory the cohort directory holding {@code train.csv.gz}, {@code validation.csv.gz}, ...
 * @param splits the splits to read
 * @param windowSteps the observation window in steps (18 for the default simulator)
 */
public record CohortDirectorySource(Path directory, List<CohortSplit> splits, int windowSteps) implements TrainingDataSource {
    private static final int MECHVENT = CohortSchema.FEATURES.indexOf(SepsisSchema.MECHANICAL_VENTILATION);

    /** Validates the arguments. */
    public CohortDirectorySource {
        Objects.requireNonNull(directory, "directory");
        splits = List.copyOf(splits);
        if (splits.isEmpty() || windowSteps < 1) {
            throw new IllegalArgumentException("need at least one split and windowSteps >= 1");
        }
    }

    /** The train and validation splits of a directory, 18-step window. */
    public static CohortDirectorySource of(Path directory) {
        return new CohortDirectorySource(directory, List.of(CohortSplit.TRAIN, CohortSplit.VALIDATION), 18);
    }

    @Override
    public TrainingData load() {
        return ObservedStay.toTrainingData(loadObserved(), ActionGrid.DEFAULT);
    }

    /** The stays of the selected splits as recorded (schema units, not yet standardized). */
    public List<ObservedStay> loadObserved() {
        List<ObservedStay> stays = new ArrayList<>();
        for (CohortSplit split : splits) {
            for (CohortStay stay : read(split)) {
                stays.add(toObserved(stay));
            }
        }
        return stays;
    }

    /**
     * The stays of one split as recorded, with their ids, for evaluating a trained model on them.
     *
     * @param split the split to read
     * @throws IllegalArgumentException if the directory has no file for the split
     */
    public List<CohortStay> read(CohortSplit split) {
        Path file = directory.resolve(split.fileName());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no cohort file " + file + "; pass a directory written by the cohort "
                    + "generator (icugym cohort generate) holding " + split.fileName());
        }
        return CohortReader.readAll(file);
    }

    /**
     * One recorded stay standardized with a trained model's statistics (not refitted), the way
     * the model saw its training stays.
     *
     * @param stay a stay of this cohort
     * @param standardizer the statistics stored in the model artifact
     */
    public StaySequence standardize(CohortStay stay, Standardizer standardizer) {
        return toObserved(stay).standardize(standardizer);
    }

    private ObservedStay toObserved(CohortStay stay) {
        int steps = stay.length();
        List<ClinicalObservation> observations = new ArrayList<>(steps);
        boolean[] ventilated = new boolean[steps];
        int[] actions = new int[steps - 1];
        for (int t = 0; t < steps; t++) {
            CohortStep step = stay.steps().get(t);
            observations.add(step.observation());
            ventilated[t] = step.features()[MECHVENT] > 0.5;
            if (t < steps - 1) {
                actions[t] = step.action().index();
            }
        }
        return new ObservedStay(observations, ventilated, actions, stay.diedWithin90Days(), steps == windowSteps);
    }
}
