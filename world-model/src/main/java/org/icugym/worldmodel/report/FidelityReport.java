package org.icugym.worldmodel.report;

import java.nio.file.Path;
import java.util.Objects;
import org.icugym.worldmodel.model.WorldModelConfig;
import org.icugym.worldmodel.train.TrainingMetrics;

/**
 * The fidelity of one world model on one cohort's test split: what {@code icugym world-model
 * report} writes as Markdown and plots.
 *
 * @param model the artifact file
 * @param cohort the cohort directory
 * @param config the model's architecture
 * @param trainingSeed the model's training seed
 * @param training what training measured on its validation split
 * @param oneStep one-step errors, event heads and calibration on the test split
 * @param rollout multi-step rollout errors on the test split
 * @param counterfactual agreement with the reference simulator, or null when not measured
 * @param counterfactualNote why the counterfactual section is absent (empty when present)
 * @param seconds wall-clock time of the evaluation (s)
 */
public record FidelityReport(Path model, Path cohort, WorldModelConfig config, long trainingSeed, TrainingMetrics training,
        OneStepFidelity oneStep, RolloutFidelity rollout, CounterfactualFidelity counterfactual, String counterfactualNote,
        double seconds) {

    /** SepsisAgent's one-step standardized MAE on MIMIC-IV (imputed next values). */
    public static final double SEPSIS_AGENT_MAE = 0.316;
    /** SepsisAgent's ventilation AUROC on MIMIC-IV. */
    public static final double SEPSIS_AGENT_VENTILATION_AUROC = 0.942;
    /** SepsisAgent's outcome AUROC on MIMIC-IV. */
    public static final double SEPSIS_AGENT_OUTCOME_AUROC = 0.804;
    /** SepsisAgent's outcome AUPRC on MIMIC-IV. */
    public static final double SEPSIS_AGENT_OUTCOME_AUPRC = 0.663;

    /** Requires the measured parts. */
    public FidelityReport {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(oneStep, "oneStep");
        Objects.requireNonNull(rollout, "rollout");
        Objects.requireNonNull(counterfactualNote, "counterfactualNote");
    }
}
