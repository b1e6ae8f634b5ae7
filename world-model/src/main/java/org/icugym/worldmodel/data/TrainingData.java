package org.icugym.worldmodel.data;

import java.util.List;
import java.util.Objects;
import org.icugym.core.clinical.action.ActionGrid;

/**
 * A cohort prepared for world-model training: standardized stays plus the normalisation
 * statistics and action grid they were prepared with (both travel into the model artifact).
 *
 * @param stays the stays, each with {@link FeatureLayout#dynamicCount()} features per step
 * @param standardizer the statistics used to standardize the features
 * @param actionGrid the dose bins that turned doses into action indices
 * @param layout the feature schema of the stays
 */
public record TrainingData(List<StaySequence> stays, Standardizer standardizer, ActionGrid actionGrid,
        FeatureLayout layout) {

    /** Copies the list and checks every stay against the layout. */
    public TrainingData {
        stays = List.copyOf(Objects.requireNonNull(stays, "stays"));
        Objects.requireNonNull(standardizer, "standardizer");
        Objects.requireNonNull(actionGrid, "actionGrid");
        Objects.requireNonNull(layout, "layout");
        for (int i = 0; i < stays.size(); i++) {
            StaySequence stay = stays.get(i);
            if (stay.featureCount() != layout.dynamicCount() || stay.statics().length != layout.staticCount()) {
                throw new IllegalArgumentException("stay " + i + " has " + stay.featureCount() + " dynamic and "
                        + stay.statics().length + " static features; the layout has " + layout.dynamicCount()
                        + " and " + layout.staticCount());
            }
        }
    }

    /** Total number of transitions over all stays. */
    public int transitions() {
        int n = 0;
        for (StaySequence stay : stays) {
            n += stay.transitions();
        }
        return n;
    }

    /** A copy holding only the given stays (same statistics, grid and layout). */
    public TrainingData withStays(List<StaySequence> subset) {
        return new TrainingData(subset, standardizer, actionGrid, layout);
    }
}
