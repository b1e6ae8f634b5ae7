package org.icugym.worldmodel.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.FeatureScaling;

/**
 * One stay as recorded, before standardisation: the observations of each step in schema units
 * (NaN where not measured at that step), ventilation, actions and how the stay ended. Adapters
 * build these from their source; {@link #toTrainingData} turns a cohort of them into {@link TrainingData}.
 *
 * @param observations the 42 observed features of each step, recorded at that step only
 * @param ventilated invasive mechanical ventilation per step
 * @param actions action index (0–24) given after each step but the last ({@code T − 1} entries)
 * @param died whether the patient died within 90 days
 * @param truncated whether the stay ended only because the observation window ended
 */
public record ObservedStay(List<ClinicalObservation> observations, boolean[] ventilated, int[] actions, boolean died,
        boolean truncated) {

    /** Copies the list and checks lengths. */
    public ObservedStay {
        observations = List.copyOf(Objects.requireNonNull(observations, "observations"));
        if (observations.isEmpty() || ventilated.length != observations.size()
                || actions.length != observations.size() - 1) {
            throw new IllegalArgumentException(observations.size() + " steps need as many ventilation flags and one "
                    + "action fewer, got " + ventilated.length + " and " + actions.length);
        }
    }

    /**
     * Standardizes a cohort: fits the scaling on every recorded observation, carries each feature's
     * latest measurement forward (sample-and-hold), sets never-measured values to 0 (the mean),
     * and marks in the masks which values were measured at each step.
     *
     * @param stays the recorded stays
     * @param grid the action grid that produced the action indices
     */
    public static TrainingData toTrainingData(List<ObservedStay> stays, ActionGrid grid) {
        List<ClinicalObservation> all = new ArrayList<>();
        stays.forEach(s -> all.addAll(s.observations()));
        Standardizer standardizer = Standardizer.of(FeatureScaling.fit(all));
        List<StaySequence> sequences = new ArrayList<>(stays.size());
        for (ObservedStay stay : stays) {
            sequences.add(stay.standardize(standardizer));
        }
        return new TrainingData(sequences, standardizer, grid, FeatureLayout.SEPSIS);
    }

    /** This stay standardized with given statistics (see {@link #toTrainingData}). */
    public StaySequence standardize(Standardizer standardizer) {
        int steps = observations.size();
        int dynamic = FeatureLayout.SEPSIS.dynamicCount();
        int observed = dynamic + FeatureLayout.SEPSIS.staticCount();
        float[][] features = new float[steps][dynamic];
        float[][] masks = new float[steps][dynamic];
        float[] vent = new float[steps];
        double[] held = new double[observed];
        Arrays.fill(held, Double.NaN);
        for (int t = 0; t < steps; t++) {
            double[] fresh = observations.get(t).toArray();
            for (int i = 0; i < observed; i++) {
                if (!Double.isNaN(fresh[i])) {
                    held[i] = fresh[i];
                }
            }
            for (int f = 0; f < dynamic; f++) {
                features[t][f] = zeroIfNaN(standardizer.standardize(f, held[f]));
                masks[t][f] = Double.isNaN(fresh[f]) ? 0f : 1f;
            }
            vent[t] = ventilated[t] ? 1f : 0f;
        }
        float[] statics = new float[observed - dynamic];
        for (int k = 0; k < statics.length; k++) {
            statics[k] = zeroIfNaN(standardizer.standardize(dynamic + k, held[dynamic + k]));
        }
        return new StaySequence(features, masks, vent, statics, actions, died, truncated);
    }

    private static float zeroIfNaN(double z) {
        return Double.isNaN(z) ? 0f : (float) z;
    }
}
