package org.icugym.evaluation.behaviour;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;

/**
 * The behaviour policy estimated on feature vectors by k nearest neighbours:
 * {@code b(a|x) = (1 - epsilon) (number of the k logged steps nearest to x that took a) / k + epsilon / |A|},
 * Euclidean distance on the features as given (standardise them first). A step of the fitted data
 * is left out of its own neighbourhood, so the taken action is not counted for itself.
 *
 * <p>Brute force: each query scans every logged step, so estimating every step of a dataset costs
 * O(steps^2 x features); fine up to some ten thousand steps, slow beyond. Immutable, thread-safe.
 */
public final class KnnBehaviour implements BehaviourModel {
    private final double[][] points;
    private final int[] actions;
    private final int numActions;
    private final int k;
    private final double epsilon;
    private final Map<Trajectory, Integer> offsets = new IdentityHashMap<>();

    private KnnBehaviour(TrajectoryDataset data, int k, double epsilon) {
        this.points = new double[data.totalSteps()][];
        this.actions = new int[data.totalSteps()];
        this.numActions = data.numActions();
        this.k = k;
        this.epsilon = epsilon;
        int i = 0;
        int dims = -1;
        for (Trajectory t : data.trajectories()) {
            offsets.put(t, i);
            for (int s = 0; s < t.length(); s++, i++) {
                points[i] = t.feature(s);
                if (dims >= 0 && points[i].length != dims) {
                    throw new InvalidDatasetException("trajectory of patient " + t.patientId() + " has "
                            + points[i].length + " features at step " + s + ": expected " + dims);
                }
                dims = points[i].length;
                actions[i] = t.actions()[s];
            }
        }
    }

    /** Fits on the feature vectors of {@code data} with {@code k} neighbours and softening {@code epsilon} in [0, 1). */
    public static KnnBehaviour fit(TrajectoryDataset data, int k, double epsilon) {
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new InvalidDatasetException("behaviour softening epsilon must be in [0, 1), got " + epsilon);
        }
        if (k < 1 || k >= data.totalSteps()) {
            throw new InvalidDatasetException("k must be in [1, " + data.totalSteps() + ") for this dataset, got " + k);
        }
        return new KnnBehaviour(data, k, epsilon);
    }

    @Override
    public double probability(Trajectory trajectory, int step) {
        Integer offset = offsets.get(trajectory);
        int self = offset == null ? -1 : offset + step;
        return probabilities(trajectory.feature(step), self)[trajectory.actions()[step]];
    }

    /** b(. | x) for a feature vector not in the fitted data. */
    public double[] probabilities(double[] x) {
        return probabilities(x, -1);
    }

    private double[] probabilities(double[] x, int self) {
        PriorityQueue<double[]> nearest = new PriorityQueue<>(k + 1, (p, q) -> Double.compare(q[0], p[0]));
        for (int i = 0; i < points.length; i++) {
            if (i == self) {
                continue;
            }
            double d = distance(x, points[i]);
            if (nearest.size() < k) {
                nearest.add(new double[] {d, i});
            } else if (d < nearest.peek()[0]) {
                nearest.poll();
                nearest.add(new double[] {d, i});
            }
        }
        double[] p = new double[numActions];
        for (double[] n : nearest) {
            p[actions[(int) n[1]]] += (1 - epsilon) / nearest.size();
        }
        for (int a = 0; a < numActions; a++) {
            p[a] += epsilon / numActions;
        }
        return p;
    }

    private static double distance(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new InvalidDatasetException("feature vector has " + x.length + " values: expected " + y.length);
        }
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            double d = x[j] - y[j];
            s += d * d;
        }
        return s;
    }

    @Override
    public String description() {
        return "k nearest neighbours (k " + k + "), epsilon " + epsilon;
    }
}
