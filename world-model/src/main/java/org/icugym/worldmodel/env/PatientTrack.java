package org.icugym.worldmodel.env;

import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.reward.RewardState;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.score.DerivedFeatures;
import org.icugym.worldmodel.data.StaySequence;

/**
 * One simulated patient of a world-model environment: the standardized history the model reads
 * (features, masks, ventilation and actions per step, real steps first), where it stands in the
 * real stay it started from, and the clinical state in schema units the reward and safety rules
 * read. Mutable; owned by one environment (or one Simulate branch).
 */
final class PatientTrack {
    final StaySequence stay;
    final float[][] features;
    final float[][] masks;
    final float[] ventilation;
    final int[] actions;
    /** Index of the current step in the arrays above. */
    int t;
    /** Index of the current step in {@link #stay} while replaying it. */
    int stayStep;
    /** Whether the track still follows the real stay (replay mode, no deviation yet). */
    boolean replaying;
    /** Environment steps since reset. */
    int steps;
    /** The action given before the current step; null if none is known (admission). */
    TreatmentAction previous;
    /** Cumulative fluid balance since the episode started: fluid given − urine output (mL). */
    double balanceMl;
    /** The current step in schema units (sample-and-hold, never NaN). */
    ClinicalObservation current;
    /** SOFA and the other derived scores of the current step. */
    DerivedFeatures derived;

    private PatientTrack(StaySequence stay, int capacity) {
        this.stay = stay;
        int f = stay.featureCount();
        this.features = new float[capacity][f];
        this.masks = new float[capacity][f];
        this.ventilation = new float[capacity];
        this.actions = new int[capacity];
    }

    /** A track at step {@code start} of {@code stay}, with room for {@code maxSteps} more steps. */
    static PatientTrack start(StaySequence stay, int start, int maxSteps) {
        PatientTrack track = new PatientTrack(stay, start + maxSteps + 1);
        for (int s = 0; s <= start; s++) {
            System.arraycopy(stay.features()[s], 0, track.features[s], 0, stay.featureCount());
            System.arraycopy(stay.masks()[s], 0, track.masks[s], 0, stay.featureCount());
            track.ventilation[s] = stay.ventilation()[s];
            if (s < start) {
                track.actions[s] = stay.actions()[s];
            }
        }
        track.t = start;
        track.stayStep = start;
        track.previous = start == 0 ? null : TreatmentAction.fromIndex(stay.actions()[start - 1]);
        return track;
    }

    /** An independent copy (for Simulate branches). */
    PatientTrack copy() {
        PatientTrack c = new PatientTrack(stay, features.length);
        for (int s = 0; s <= t; s++) {
            System.arraycopy(features[s], 0, c.features[s], 0, features[s].length);
            System.arraycopy(masks[s], 0, c.masks[s], 0, masks[s].length);
        }
        System.arraycopy(ventilation, 0, c.ventilation, 0, t + 1);
        System.arraycopy(actions, 0, c.actions, 0, t + 1);
        c.t = t;
        c.stayStep = stayStep;
        c.replaying = replaying;
        c.steps = steps;
        c.previous = previous;
        c.balanceMl = balanceMl;
        c.current = current;
        c.derived = derived;
        return c;
    }

    /** Whether the arrays have room for another step. */
    boolean hasRoom() {
        return t + 1 < features.length;
    }

    /** Appends the next step after {@code action}; the caller fills {@link #features}[t], {@link #masks}[t]. */
    void push(int action, float ventilated) {
        actions[t] = action;
        t++;
        ventilation[t] = ventilated;
        previous = TreatmentAction.fromIndex(action);
    }

    /** The reward-relevant state of the current step. */
    RewardState rewardState() {
        return new RewardState(derived.sofa().total(), current.get(org.icugym.core.clinical.schema.SepsisSchema.LACTATE));
    }
}
