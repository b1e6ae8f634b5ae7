package org.icugym.evaluation.behaviour;

import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;

/** The behaviour probabilities recorded in the trajectories when they were collected (exact). */
public final class RecordedBehaviour implements BehaviourModel {
    /** The shared instance. */
    public static final RecordedBehaviour INSTANCE = new RecordedBehaviour();

    private RecordedBehaviour() {
    }

    @Override
    public double probability(Trajectory trajectory, int step) {
        double[] p = trajectory.behaviourProbabilities();
        if (p == null) {
            throw new InvalidDatasetException("trajectory of patient " + trajectory.patientId()
                    + " records no behaviour probabilities: estimate them (TabularBehaviour or KnnBehaviour)");
        }
        return p[step];
    }

    @Override
    public String description() {
        return "recorded at collection";
    }
}
