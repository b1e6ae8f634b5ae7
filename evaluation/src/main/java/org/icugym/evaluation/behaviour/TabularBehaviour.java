package org.icugym.evaluation.behaviour;

import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;

/**
 * The behaviour policy estimated by counting actions per discrete state,
 * {@code b(a|s) = (1 - epsilon) n(s, a) / n(s) + epsilon / |A|}. Epsilon keeps the estimate of a
 * rarely taken action away from its raw count; it is reported with every estimate. Immutable.
 */
public final class TabularBehaviour implements BehaviourModel {
    private final double[][] probabilities;
    private final double epsilon;

    private TabularBehaviour(double[][] probabilities, double epsilon) {
        this.probabilities = probabilities;
        this.epsilon = epsilon;
    }

    /** Counts the actions of {@code data} (which needs discrete states), softened by {@code epsilon} in [0, 1). */
    public static TabularBehaviour fit(TrajectoryDataset data, double epsilon) {
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new InvalidDatasetException("behaviour softening epsilon must be in [0, 1), got " + epsilon);
        }
        if (!data.hasDiscreteStates()) {
            throw new InvalidDatasetException("tabular behaviour estimation needs discrete states in every trajectory:"
                    + " use KnnBehaviour for feature vectors");
        }
        int numActions = data.numActions();
        double[][] counts = new double[data.numStatesSeen()][numActions];
        for (Trajectory t : data.trajectories()) {
            for (int i = 0; i < t.length(); i++) {
                counts[t.state(i)][t.actions()[i]]++;
            }
        }
        for (double[] row : counts) {
            double n = 0;
            for (double c : row) {
                n += c;
            }
            for (int a = 0; a < numActions; a++) {
                row[a] = n == 0 ? 1.0 / numActions : (1 - epsilon) * row[a] / n + epsilon / numActions;
            }
        }
        return new TabularBehaviour(counts, epsilon);
    }

    @Override
    public double probability(Trajectory trajectory, int step) {
        int s = trajectory.state(step);
        if (s >= probabilities.length) {
            throw new InvalidDatasetException("state " + s + " was not in the data the behaviour policy was fitted on:"
                    + " fit it on a dataset that contains every evaluated trajectory");
        }
        return probabilities[s][trajectory.actions()[step]];
    }

    /** The estimated b(a | s) of any action. */
    public double probability(int state, int action) {
        return probabilities[state][action];
    }

    /** The softening epsilon. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public String description() {
        return "tabular counts, epsilon " + epsilon;
    }
}
