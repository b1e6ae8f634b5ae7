package org.icugym.worldmodel.bench;

import java.util.Locale;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.data.CohortDirectorySource;
import org.icugym.worldmodel.data.SimulatedCohortSource;
import org.icugym.worldmodel.data.StaySequence;
import org.icugym.worldmodel.data.TrainingData;
import org.icugym.worldmodel.model.WorldModelConfig;
import org.icugym.worldmodel.train.TrainConfig;
import org.icugym.worldmodel.train.TrainingMetrics;
import org.icugym.worldmodel.train.WorldModelTrainer;

/**
 * Trains world models on a simulated cohort and prints their validation fidelity, to compare
 * architectures (history length, width) on the same data and split.
 *
 * <p>Usage: {@code FidelityRun [stays | cohort directory] [members] [history lengths, comma-separated]},
 * e.g. {@code FidelityRun 2000 1 1,6} (simulated with a simple behaviour policy) or {@code
 * FidelityRun runs/cohort 1 1,6,gru6} (the train and validation splits of a generated cohort);
 * a {@code gru} prefix selects the GRU architecture. An optional fourth argument sets the weight decay,
 * an optional fifth the early-stopping criterion ({@code total} or {@code dynamics}).
 */
public final class FidelityRun {
    private FidelityRun() {}

    /** Runs the comparison and prints one summary per architecture. */
    public static void main(String[] args) {
        String source = args.length > 0 ? args[0] : "2000";
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String[] histories = (args.length > 2 ? args[2] : "1,6").split(",");
        double weightDecay = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        TrainConfig.EarlyStopping stopping = args.length > 4
                ? TrainConfig.EarlyStopping.valueOf(args[4].toUpperCase(Locale.ROOT)) : TrainConfig.EarlyStopping.TOTAL;
        TrainingData data = source.chars().allMatch(Character::isDigit)
                ? new SimulatedCohortSource(PhysiologySimulator.DEFAULT, Integer.parseInt(source), 2026).load()
                : CohortDirectorySource.of(java.nio.file.Path.of(source)).load();
        System.out.printf(Locale.ROOT, "%s: %d stays, %d transitions; persistence MAE %.4f%n", source, data.stays().size(),
                data.transitions(), persistenceMae(data));
        for (String h : histories) {
            boolean gru = h.trim().startsWith("gru");
            WorldModelConfig model = WorldModelConfig.DEFAULT.withHistoryLength(Integer.parseInt(h.trim().replaceAll("\\D", "")))
                    .withEnsembleSize(members)
                    .withArchitecture(gru ? WorldModelConfig.Architecture.GRU : WorldModelConfig.Architecture.MLP);
            WorldModelArtifact artifact = WorldModelTrainer.fit(data, TrainConfig.defaults().withModel(model).withSeed(1).withWeightDecay(weightDecay)
                    .withEarlyStopping(stopping));
            TrainingMetrics m = artifact.metrics();
            System.out.printf(Locale.ROOT, "history %s: %s%n", h, m.summary());
        }
    }

    /** MAE (standardized) of predicting no change, over all measured next values of the cohort. */
    static double persistenceMae(TrainingData data) {
        double error = 0;
        long n = 0;
        for (StaySequence stay : data.stays()) {
            for (int t = 0; t < stay.transitions(); t++) {
                for (int k = 0; k < stay.featureCount(); k++) {
                    if (stay.masks()[t + 1][k] > 0) {
                        error += Math.abs(stay.features()[t + 1][k] - stay.features()[t][k]);
                        n++;
                    }
                }
            }
        }
        return error / n;
    }
}
