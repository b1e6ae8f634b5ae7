package org.icugym.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.icugym.agent.PolicyWeights;
import org.icugym.agent.dqn.DqnPolicy;
import org.icugym.agent.dqn.DqnSettings;
import org.icugym.agent.dqn.OfflineDqn;
import org.icugym.agent.dqn.OfflineTransitions;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.evaluation.cohort.CohortEvaluation;
import org.icugym.evaluation.cohort.DecisionInput;
import org.icugym.evaluation.cohort.GreedyTarget;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;

/**
 * The dueling double DQN baseline of {@code icugym evaluate --policy dqn}: trained offline on the
 * cohort's train split (the 12 features of {@link CohortEvaluation#features}, the Raghu reward with
 * ±15 for the 90-day outcome, gamma 0.99), or loaded from a file written by an earlier run; the
 * greedy policy, softened by epsilon, is evaluated.
 */
final class DqnBaseline {
    private DqnBaseline() {}

    /**
     * What a trained or loaded DQN gives.
     *
     * @param target the policy to evaluate (owns {@code policy})
     * @param policy the network, to close after evaluation
     * @param trainedSeconds training time, or 0 when loaded
     * @param source where the weights came from
     */
    record Loaded(GreedyTarget target, DqnPolicy policy, double trainedSeconds, String source) {}

    /**
     * Loads {@code model} when it exists; otherwise trains on the train split and writes the weights
     * to {@code model}, or to {@code save} when {@code model} is null.
     */
    static Loaded fitOrLoad(CohortEvaluation evaluation, Path model, Path save, int steps, long seed, double epsilon,
            Consumer<String> progress) {
        PolicyWeights weights;
        double seconds = 0;
        String source;
        if (model != null && Files.isRegularFile(model)) {
            weights = PolicyWeights.read(model);
            source = model.toString();
        } else {
            progress.accept("dqn: training on the train split");
            OfflineTransitions data = transitions(evaluation.trainData());
            OfflineDqn.Result r = OfflineDqn.train(data, DqnSettings.raghu(TreatmentAction.COUNT, steps, seed), p -> { });
            weights = r.weights();
            seconds = r.seconds();
            Path out = model != null ? model : save;
            weights.write(out);
            source = "trained (" + steps + " steps, " + Math.round(seconds) + " s), saved to " + out;
        }
        if (weights.observationSize() != CohortEvaluation.FEATURES) {
            throw new org.icugym.evaluation.data.InvalidDatasetException("DQN model " + model + " takes "
                    + weights.observationSize() + " features; evaluation gives " + CohortEvaluation.FEATURES
                    + ": train it again (omit --dqn-model or point it at a new file)");
        }
        DqnPolicy policy = DqnPolicy.load(weights);
        GreedyTarget target = new GreedyTarget("dqn", in -> policy.greedy(rows(in), in.size()), epsilon);
        return new Loaded(target, policy, seconds, source);
    }

    /** The transitions of a dataset: each step leads to the next one, the last step is terminal. */
    static OfflineTransitions transitions(TrajectoryDataset data) {
        int n = data.totalSteps();
        int d = CohortEvaluation.FEATURES;
        float[] s = new float[n * d];
        float[] next = new float[n * d];
        int[] a = new int[n];
        float[] r = new float[n];
        boolean[] end = new boolean[n];
        int i = 0;
        for (Trajectory t : data.trajectories()) {
            for (int k = 0; k < t.length(); k++, i++) {
                copy(t.feature(k), s, i * d);
                if (k + 1 < t.length()) {
                    copy(t.feature(k + 1), next, i * d);
                } else {
                    end[i] = true;
                }
                a[i] = t.actions()[k];
                r[i] = (float) t.rewards()[k];
            }
        }
        return new OfflineTransitions(d, s, a, r, next, end);
    }

    private static float[] rows(List<DecisionInput> in) {
        int d = CohortEvaluation.FEATURES;
        float[] x = new float[in.size() * d];
        for (int i = 0; i < in.size(); i++) {
            copy(in.get(i).features(), x, i * d);
        }
        return x;
    }

    private static void copy(double[] from, float[] to, int offset) {
        for (int j = 0; j < from.length; j++) {
            to[offset + j] = (float) from[j];
        }
    }
}
