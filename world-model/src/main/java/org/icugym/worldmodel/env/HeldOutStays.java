package org.icugym.worldmodel.env;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icugym.core.clinical.cohort.CohortSplit;
import org.icugym.worldmodel.data.CohortDirectorySource;
import org.icugym.worldmodel.data.ObservedStay;
import org.icugym.worldmodel.data.Standardizer;
import org.icugym.worldmodel.data.StaySequence;

/**
 * The real stays a world-model environment starts its patients from (and replays), standardized
 * with the model's own statistics, plus how often each dynamic feature is measured per step.
 *
 * @param stays the stays, each with at least two steps
 * @param measurementRate per dynamic feature, the fraction (0–1) of steps at which it was measured
 */
public record HeldOutStays(List<StaySequence> stays, double[] measurementRate) {

    /** Copies and checks that there is a stay to start from. */
    public HeldOutStays {
        stays = List.copyOf(stays);
        if (stays.isEmpty()) {
            throw new IllegalArgumentException("no held-out stay of at least two steps: the world-model environment "
                    + "starts its patients from real stays; give it a cohort's test split with stays");
        }
        measurementRate = measurementRate.clone();
    }

    /**
     * Standardizes recorded stays with a model's statistics; stays of one step are skipped.
     *
     * @param observed recorded stays (schema units)
     * @param standardizer the model's normalisation ({@code WorldModelArtifact.standardizer()})
     */
    public static HeldOutStays of(List<ObservedStay> observed, Standardizer standardizer) {
        List<StaySequence> stays = new ArrayList<>();
        for (ObservedStay stay : observed) {
            if (stay.observations().size() >= 2) {
                stays.add(stay.standardize(standardizer));
            }
        }
        if (stays.isEmpty()) {
            return new HeldOutStays(stays, new double[0]);
        }
        int features = stays.get(0).featureCount();
        double[] measured = new double[features];
        long steps = 0;
        for (StaySequence s : stays) {
            for (float[] mask : s.masks()) {
                for (int f = 0; f < features; f++) {
                    measured[f] += mask[f];
                }
                steps++;
            }
        }
        for (int f = 0; f < features; f++) {
            measured[f] /= steps;
        }
        return new HeldOutStays(stays, measured);
    }

    /**
     * The test split of a cohort directory ({@code test.csv.gz}, docs/cohort.md).
     *
     * @param cohortDirectory directory written by {@code icugym cohort generate} (or an import)
     * @param standardizer the model's normalisation
     * @throws IllegalArgumentException if the directory has no test split
     */
    public static HeldOutStays testSplit(Path cohortDirectory, Standardizer standardizer) {
        CohortDirectorySource source = new CohortDirectorySource(cohortDirectory, List.of(CohortSplit.TEST), 18);
        return of(source.loadObserved(), standardizer);
    }
}
