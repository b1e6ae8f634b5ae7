package org.icugym.worldmodel.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.schema.Feature;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.worldmodel.artifact.WorldModelException;

/**
 * The feature schema a world model reads and predicts: dynamic and static features, each as
 * {@code name[unit,normalisation]}, and the number of actions. Stored in every artifact and
 * checked when one is loaded, so a model never silently runs on features it was not trained on.
 *
 * @param dynamicFeatures the dynamic features, in order, e.g. {@code "heart_rate[bpm,STANDARD]"}
 * @param staticFeatures the static features, in order
 * @param actionCount number of discrete actions
 */
public record FeatureLayout(List<String> dynamicFeatures, List<String> staticFeatures, int actionCount) {

    /** The layout of this build's {@link SepsisSchema}: 39 dynamic, 3 static features, 25 actions. */
    public static final FeatureLayout SEPSIS = new FeatureLayout(describe(SepsisSchema.DYNAMIC_FEATURES),
            describe(SepsisSchema.STATIC_FEATURES), TreatmentAction.COUNT);

    /** Copies the lists. */
    public FeatureLayout {
        dynamicFeatures = List.copyOf(Objects.requireNonNull(dynamicFeatures, "dynamicFeatures"));
        staticFeatures = List.copyOf(Objects.requireNonNull(staticFeatures, "staticFeatures"));
        if (actionCount < 1) {
            throw new IllegalArgumentException("actionCount must be >= 1, got " + actionCount);
        }
    }

    /** Number of dynamic features (the width of a prediction). */
    public int dynamicCount() {
        return dynamicFeatures.size();
    }

    /** Number of static features. */
    public int staticCount() {
        return staticFeatures.size();
    }

    /**
     * Checks that a model trained on {@code trained} can run in a build expecting this layout.
     *
     * @param trained the layout stored in the artifact
     * @throws WorldModelException with {@link WorldModelException.Code#SCHEMA_MISMATCH} naming the
     *     first differences
     */
    public void requireCompatible(FeatureLayout trained) {
        List<String> differences = new ArrayList<>();
        compare("dynamic", trained.dynamicFeatures, dynamicFeatures, differences);
        compare("static", trained.staticFeatures, staticFeatures, differences);
        if (trained.actionCount != actionCount) {
            differences.add("actions: model has " + trained.actionCount + ", this build " + actionCount);
        }
        if (!differences.isEmpty()) {
            throw new WorldModelException(WorldModelException.Code.SCHEMA_MISMATCH,
                    "the world model was trained on a different feature schema: " + String.join("; ", differences)
                            + ". Retrain it on this build's schema (WorldModelTrainer.fit / icugym world-model fit)");
        }
    }

    private static void compare(String kind, List<String> trained, List<String> expected, List<String> out) {
        if (trained.size() != expected.size()) {
            out.add(kind + " features: model has " + trained.size() + ", this build " + expected.size());
        }
        int shown = 0;
        for (int i = 0; i < Math.min(trained.size(), expected.size()) && shown < 3; i++) {
            if (!trained.get(i).equals(expected.get(i))) {
                out.add(kind + " feature " + i + ": model has " + trained.get(i) + ", this build " + expected.get(i));
                shown++;
            }
        }
    }

    private static List<String> describe(List<Feature> features) {
        List<String> names = new ArrayList<>(features.size());
        for (Feature f : features) {
            names.add(f.name() + "[" + f.unit() + "," + f.normalisation() + "]");
        }
        return List.copyOf(names);
    }
}
