package org.icugym.evaluation.data;

import java.util.Arrays;

/**
 * One logged episode (an ICU stay): at step {@code t} the agent was in state {@code t}, took
 * {@code actions[t]} and received {@code rewards[t]}. The episode ends after its last step; the
 * value after the end is 0 (death, discharge or the end of the observation window).
 *
 * <p>States are given as discrete indices ({@code states}), as feature vectors ({@code features})
 * or both; the one an estimator needs must be present. {@code behaviourProbabilities[t]}, when
 * present, is the logging policy's probability of {@code actions[t]} (recorded at collection time).
 * Arrays are not copied: treat a trajectory as immutable once built.
 *
 * @param patientId the patient this stay belongs to (the bootstrap resamples patients, not stays)
 * @param states discrete state index per step, or {@code null}
 * @param features feature vector per step, or {@code null}
 * @param actions action index per step
 * @param rewards reward per step
 * @param behaviourProbabilities recorded probability of each taken action, or {@code null}
 */
public record Trajectory(String patientId, int[] states, double[][] features, int[] actions, double[] rewards,
        double[] behaviourProbabilities) {

    /** Checks that every present array has one entry per step and that the values are usable. */
    public Trajectory {
        if (patientId == null || patientId.isEmpty()) {
            throw new InvalidDatasetException("a trajectory needs a patient id (the bootstrap resamples patients)");
        }
        if (actions == null || rewards == null) {
            throw new InvalidDatasetException("trajectory of patient " + patientId + " needs actions and rewards");
        }
        int n = actions.length;
        if (n == 0) {
            throw new InvalidDatasetException("trajectory of patient " + patientId + " has no steps");
        }
        if (states == null && features == null) {
            throw new InvalidDatasetException("trajectory of patient " + patientId
                    + " has neither discrete states nor feature vectors: give at least one");
        }
        requireLength(patientId, "rewards", rewards.length, n);
        if (states != null) {
            requireLength(patientId, "states", states.length, n);
        }
        if (features != null) {
            requireLength(patientId, "features", features.length, n);
        }
        for (int t = 0; t < n; t++) {
            if (!Double.isFinite(rewards[t])) {
                throw new InvalidDatasetException("trajectory of patient " + patientId + " has a non-finite reward at step "
                        + t);
            }
        }
        if (behaviourProbabilities != null) {
            requireLength(patientId, "behaviourProbabilities", behaviourProbabilities.length, n);
            for (int t = 0; t < n; t++) {
                double p = behaviourProbabilities[t];
                if (!(p > 0 && p <= 1)) {
                    throw new InvalidDatasetException("trajectory of patient " + patientId + " records behaviour probability "
                            + p + " at step " + t + ": a taken action must have probability in (0, 1]");
                }
            }
        }
    }

    /** A trajectory over discrete states without recorded behaviour probabilities. */
    public static Trajectory discrete(String patientId, int[] states, int[] actions, double[] rewards) {
        return new Trajectory(patientId, states, null, actions, rewards, null);
    }

    /** This trajectory with the behaviour probabilities recorded at collection time. */
    public Trajectory withBehaviourProbabilities(double[] probabilities) {
        return new Trajectory(patientId, states, features, actions, rewards, probabilities);
    }

    /** Number of steps (decisions). */
    public int length() {
        return actions.length;
    }

    /** The discounted return {@code sum_t gamma^t r_t}. */
    public double discountedReturn(double gamma) {
        double g = 0;
        double discount = 1;
        for (double r : rewards) {
            g += discount * r;
            discount *= gamma;
        }
        return g;
    }

    /** The discrete state at step {@code t}; fails clearly when the trajectory has none. */
    public int state(int t) {
        if (states == null) {
            throw new InvalidDatasetException("trajectory of patient " + patientId
                    + " has no discrete states: use a feature-based policy, behaviour model or Q-model");
        }
        return states[t];
    }

    /** The feature vector at step {@code t}; fails clearly when the trajectory has none. */
    public double[] feature(int t) {
        if (features == null) {
            throw new InvalidDatasetException("trajectory of patient " + patientId
                    + " has no feature vectors: use a tabular policy, behaviour model or Q-model");
        }
        return features[t];
    }

    private static void requireLength(String id, String name, int length, int expected) {
        if (length != expected) {
            throw new InvalidDatasetException("trajectory of patient " + id + " has " + length + " " + name + " for "
                    + expected + " actions: give one per step");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trajectory t && patientId.equals(t.patientId) && Arrays.equals(states, t.states)
                && Arrays.deepEquals(features, t.features) && Arrays.equals(actions, t.actions)
                && Arrays.equals(rewards, t.rewards) && Arrays.equals(behaviourProbabilities, t.behaviourProbabilities);
    }

    @Override
    public int hashCode() {
        return patientId.hashCode() * 31 + Arrays.hashCode(actions);
    }

    @Override
    public String toString() {
        return "Trajectory[patient=" + patientId + ", steps=" + length() + "]";
    }
}
