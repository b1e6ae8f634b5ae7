package org.icugym.worldmodel.data;

import java.util.Objects;
import org.icugym.core.clinical.action.TreatmentAction;

/**
 * One ICU stay prepared for world-model training: standardized features, missingness masks,
 * ventilation, static features, the actions between steps, and how the stay ended.
 *
 * <p>Step {@code t} is one 4 h row of the stay; {@code actions[t]} is the treatment given between
 * step {@code t} and step {@code t + 1}, so a stay of {@code T} steps has {@code T − 1} actions
 * and {@code T − 1} transitions. Arrays are not copied: treat them as read-only.
 *
 * @param features {@code [T × F]} standardized dynamic features, sample-and-hold (each value is the
 *     latest measurement), 0 (the cohort mean) where a feature was never measured; never NaN
 * @param masks {@code [T × F]} 1 where the feature was measured at that step, else 0
 * @param ventilation {@code [T]} invasive mechanical ventilation flag (0/1) per step
 * @param statics {@code [S]} standardized static features (age, gender, Charlson index)
 * @param actions {@code [T − 1]} action indices (0–24, {@link TreatmentAction#index()})
 * @param died whether the patient died (90-day mortality) after the stay
 * @param truncated whether the stay ended only because the observation window ended (a
 *     time limit, not an event); its last transition does not count as an end-of-stay event
 */
public record StaySequence(float[][] features, float[][] masks, float[] ventilation, float[] statics,
        int[] actions, boolean died, boolean truncated) {

    /** Validates shapes, action indices and finiteness. */
    public StaySequence {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(masks, "masks");
        Objects.requireNonNull(ventilation, "ventilation");
        Objects.requireNonNull(statics, "statics");
        Objects.requireNonNull(actions, "actions");
        int steps = features.length;
        if (steps < 1) {
            throw new IllegalArgumentException("a stay needs at least one step");
        }
        if (masks.length != steps || ventilation.length != steps || actions.length != steps - 1) {
            throw new IllegalArgumentException("stay of " + steps + " steps needs " + steps + " masks and ventilation flags and "
                    + (steps - 1) + " actions, got " + masks.length + ", " + ventilation.length + ", " + actions.length);
        }
        int width = features[0].length;
        for (int t = 0; t < steps; t++) {
            if (features[t].length != width || masks[t].length != width) {
                throw new IllegalArgumentException("step " + t + " has " + features[t].length + " features and "
                        + masks[t].length + " masks, expected " + width);
            }
            for (float v : features[t]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("step " + t + " has a non-finite standardized feature; "
                            + "replace never-measured values by 0 and mark them in the mask");
                }
            }
        }
        for (int a : actions) {
            if (a < 0 || a >= TreatmentAction.COUNT) {
                throw new IllegalArgumentException("action index " + a + " outside 0.." + (TreatmentAction.COUNT - 1));
            }
        }
    }

    /** Number of 4 h steps (rows) in the stay. */
    public int steps() {
        return features.length;
    }

    /** Number of dynamic features per step. */
    public int featureCount() {
        return features[0].length;
    }

    /** Number of transitions (step pairs joined by an action). */
    public int transitions() {
        return actions.length;
    }
}
