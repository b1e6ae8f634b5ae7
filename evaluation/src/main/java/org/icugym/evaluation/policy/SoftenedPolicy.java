package org.icugym.evaluation.policy;

import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;

/**
 * A policy mixed with the uniform one: {@code (1 - epsilon) pi(a|s) + epsilon / |A|}. Importance
 * sampling cannot evaluate a deterministic policy from data that rarely agrees with it; softening
 * gives every logged action a non-zero weight, at the price of evaluating a different policy. The
 * softened policy's name says so, and reports should give the truth of the softened policy.
 */
public final class SoftenedPolicy implements DiscreteStatePolicy {
    private final Policy base;
    private final double epsilon;

    /** {@code base} softened by {@code epsilon} in [0, 1]. */
    public SoftenedPolicy(Policy base, double epsilon) {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new InvalidDatasetException("softening epsilon must be in [0, 1], got " + epsilon);
        }
        this.base = base;
        this.epsilon = epsilon;
    }

    /** The softening weight epsilon. */
    public double epsilon() {
        return epsilon;
    }

    /** The policy that was softened. */
    public Policy base() {
        return base;
    }

    @Override
    public double[] probabilities(Trajectory trajectory, int step) {
        return soften(base.probabilities(trajectory, step));
    }

    @Override
    public double[] probabilities(int state) {
        if (!(base instanceof DiscreteStatePolicy d)) {
            throw new InvalidDatasetException("policy '" + base.name()
                    + "' is not defined on discrete states: query it through a trajectory step");
        }
        return soften(d.probabilities(state));
    }

    /** {@code p} mixed with the uniform distribution. */
    private double[] soften(double[] original) {
        double[] p = original.clone();
        double u = epsilon / p.length;
        for (int a = 0; a < p.length; a++) {
            p[a] = (1 - epsilon) * p[a] + u;
        }
        return p;
    }

    /** The probability matrix of a softened tabular policy, e.g. for computing its true value. */
    public static double[][] soften(double[][] matrix, double epsilon) {
        double[][] m = new double[matrix.length][];
        for (int s = 0; s < matrix.length; s++) {
            m[s] = matrix[s].clone();
            double sum = 0;
            for (double x : m[s]) {
                sum += x;
            }
            if (sum == 0) {
                continue; // terminal row stays empty
            }
            for (int a = 0; a < m[s].length; a++) {
                m[s][a] = (1 - epsilon) * m[s][a] + epsilon / m[s].length;
            }
        }
        return m;
    }

    @Override
    public int numActions() {
        return base.numActions();
    }

    @Override
    public String name() {
        return base.name() + " (softened " + epsilon + ")";
    }
}
