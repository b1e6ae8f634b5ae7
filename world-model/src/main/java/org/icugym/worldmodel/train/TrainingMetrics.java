package org.icugym.worldmodel.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What training measured on the held-out validation stays; stored in the model artifact.
 *
 * <p>All fidelity values are deterministic given the seed and the data; only {@link
 * #trainingSeconds()} varies between runs ({@link #withoutTiming()} drops it for comparisons).
 *
 * @param trainStays stays in the training split
 * @param validationStays stays in the validation split
 * @param validationTransitions transitions in the validation split
 * @param validationNll Gaussian NLL per measured next value (nats), averaged over members
 * @param ensembleNll NLL per measured next value (nats) of the ensemble's equal-weight Gaussian mixture
 * @param validationMae mean absolute error of the ensemble-mean prediction, standardized units,
 *     over measured next values
 * @param featureMae the same MAE per dynamic feature (name → standardized MAE)
 * @param ventilationAuroc AUROC of the next-step ventilation head (NaN if one class only)
 * @param endAuroc AUROC of the end-of-stay hazard over all transitions
 * @param outcomeAuroc AUROC of the death head at each validation stay's last transition
 * @param epochs epochs run by each member
 * @param bestValidationLoss best validation loss of each member
 * @param trainingSeconds wall-clock training time (s)
 */
public record TrainingMetrics(int trainStays, int validationStays, int validationTransitions, double validationNll,
        double ensembleNll, double validationMae, Map<String, Double> featureMae, double ventilationAuroc, double endAuroc,
        double outcomeAuroc, List<Integer> epochs, List<Double> bestValidationLoss, double trainingSeconds) {

    /** Copies the collections (keeping feature order). */
    public TrainingMetrics {
        featureMae = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(featureMae)));
        epochs = List.copyOf(epochs);
        bestValidationLoss = List.copyOf(bestValidationLoss);
    }

    /** A copy with {@link #trainingSeconds()} set to 0, for comparing runs. */
    public TrainingMetrics withoutTiming() {
        return new TrainingMetrics(trainStays, validationStays, validationTransitions, validationNll, ensembleNll, validationMae,
                featureMae, ventilationAuroc, endAuroc, outcomeAuroc, epochs, bestValidationLoss, 0);
    }

    /** A one-line summary, e.g. for a log or a console. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "validation: NLL %.4f (ensemble %.4f), MAE %.4f, ventilation AUROC %.3f, end AUROC %.3f, "
                        + "outcome AUROC %.3f (%d stays, %d transitions); epochs %s; %.1f s",
                validationNll, ensembleNll, validationMae, ventilationAuroc, endAuroc, outcomeAuroc, validationStays,
                validationTransitions, epochs, trainingSeconds);
    }
}
