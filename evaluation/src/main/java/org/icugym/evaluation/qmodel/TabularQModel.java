package org.icugym.evaluation.qmodel;

import org.icugym.evaluation.data.Trajectory;

/** A Q-table {@code [state][action]}; states outside the table are worth 0. Immutable. */
public final class TabularQModel implements QModel {
    private final double[][] q;
    private final String description;

    /** A model of the table {@code q} (not copied; do not modify it afterwards). */
    public TabularQModel(double[][] q, String description) {
        this.q = q;
        this.description = description;
    }

    /** Q-hat(state, action). */
    public double q(int state, int action) {
        return state < q.length ? q[state][action] : 0.0;
    }

    @Override
    public double[] qValues(Trajectory trajectory, int step) {
        int s = trajectory.state(step);
        return s < q.length ? q[s].clone() : new double[q[0].length];
    }

    @Override
    public String description() {
        return description;
    }
}
