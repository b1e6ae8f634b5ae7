package org.icugym.evaluation.cohort;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.evaluation.data.InvalidDatasetException;

/**
 * A deterministic policy softened for evaluation: the chosen action with probability
 * {@code 1 - epsilon + epsilon / 25}, every other action with {@code epsilon / 25}, so that every
 * logged action has some probability under it. Its true value is simulated for the same softened
 * policy.
 */
public final class GreedyTarget implements TargetPolicy {
    private final String name;
    private final Function<List<DecisionInput>, int[]> actions;
    private final double epsilon;

    /**
     * A softened deterministic policy.
     *
     * @param name the name in reports
     * @param actions the chosen action index (0–24) of each input, for a whole batch at once
     * @param epsilon softening in [0, 1]
     */
    public GreedyTarget(String name, Function<List<DecisionInput>, int[]> actions, double epsilon) {
        this.name = Objects.requireNonNull(name, "name");
        this.actions = Objects.requireNonNull(actions, "actions");
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new InvalidDatasetException("softening epsilon must be in [0, 1], got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double[][] probabilities(List<DecisionInput> inputs) {
        int[] chosen = actions.apply(inputs);
        if (chosen.length != inputs.size()) {
            throw new IllegalStateException("policy " + name + " chose " + chosen.length + " actions for "
                    + inputs.size() + " decisions");
        }
        double[][] p = new double[chosen.length][];
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i] < 0 || chosen[i] >= TreatmentAction.COUNT) {
                throw new IllegalStateException("policy " + name + " chose action " + chosen[i] + ", outside [0, "
                        + TreatmentAction.COUNT + ")");
            }
            p[i] = soften(oneHot(chosen[i]), epsilon);
        }
        return p;
    }

    /** {@code (1 - epsilon) p + epsilon / |A|}. */
    public static double[] soften(double[] p, double epsilon) {
        double[] q = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            q[i] = (1 - epsilon) * p[i] + epsilon / p.length;
        }
        return q;
    }

    private static double[] oneHot(int a) {
        double[] p = new double[TreatmentAction.COUNT];
        p[a] = 1;
        return p;
    }
}
