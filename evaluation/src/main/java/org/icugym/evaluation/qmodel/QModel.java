package org.icugym.evaluation.qmodel;

import org.icugym.evaluation.data.Trajectory;

/** An estimate of Q^pi(s, a) of one evaluation policy, queried at logged steps. Thread-safe. */
public interface QModel {
    /** Q-hat of every action in the state of {@code trajectory} at {@code step}. */
    double[] qValues(Trajectory trajectory, int step);

    /** How the model was obtained, for reports. */
    String description();
}
