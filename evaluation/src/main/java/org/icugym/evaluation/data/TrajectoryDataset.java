package org.icugym.evaluation.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of logged trajectories over a discrete action space of {@code numActions}
 * actions, with the grouping of trajectories into patients that the bootstrap resamples.
 */
public final class TrajectoryDataset {
    private final List<Trajectory> trajectories;
    private final int numActions;
    private final int[][] patients;
    private final int totalSteps;
    private final int maxLength;

    /** A dataset of {@code trajectories}; every action must lie in {@code [0, numActions)}. */
    public TrajectoryDataset(List<Trajectory> trajectories, int numActions) {
        if (trajectories == null || trajectories.isEmpty()) {
            throw new InvalidDatasetException("the dataset has no trajectories: an evaluation needs at least one");
        }
        if (numActions < 1) {
            throw new InvalidDatasetException("numActions must be positive, got " + numActions);
        }
        this.trajectories = List.copyOf(trajectories);
        this.numActions = numActions;
        Map<String, List<Integer>> byPatient = new LinkedHashMap<>();
        int steps = 0;
        int longest = 0;
        for (int i = 0; i < this.trajectories.size(); i++) {
            Trajectory t = this.trajectories.get(i);
            for (int a : t.actions()) {
                if (a < 0 || a >= numActions) {
                    throw new InvalidDatasetException("trajectory of patient " + t.patientId() + " has action " + a
                            + ": expected an index in [0, " + numActions + ")");
                }
            }
            byPatient.computeIfAbsent(t.patientId(), k -> new ArrayList<>()).add(i);
            steps += t.length();
            longest = Math.max(longest, t.length());
        }
        this.patients = byPatient.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        this.totalSteps = steps;
        this.maxLength = longest;
    }

    /** The trajectories, in the order given. */
    public List<Trajectory> trajectories() {
        return Collections.unmodifiableList(trajectories);
    }

    /** The trajectory at {@code index}. */
    public Trajectory get(int index) {
        return trajectories.get(index);
    }

    /** Number of trajectories. */
    public int size() {
        return trajectories.size();
    }

    /** Number of actions of the action space. */
    public int numActions() {
        return numActions;
    }

    /** Number of distinct patients. */
    public int numPatients() {
        return patients.length;
    }

    /** The trajectory indices of patient {@code p} (patients numbered by first appearance). */
    public int[] patientTrajectories(int p) {
        return patients[p].clone();
    }

    /** Total number of steps over all trajectories. */
    public int totalSteps() {
        return totalSteps;
    }

    /** Length of the longest trajectory. */
    public int maxLength() {
        return maxLength;
    }

    /** Whether every trajectory has discrete states. */
    public boolean hasDiscreteStates() {
        return trajectories.stream().allMatch(t -> t.states() != null);
    }

    /** Whether every trajectory records behaviour probabilities. */
    public boolean hasRecordedBehaviour() {
        return trajectories.stream().allMatch(t -> t.behaviourProbabilities() != null);
    }

    /** The largest discrete state index plus one (requires discrete states). */
    public int numStatesSeen() {
        int max = -1;
        for (Trajectory t : trajectories) {
            for (int t1 = 0; t1 < t.length(); t1++) {
                max = Math.max(max, t.state(t1));
            }
        }
        return max + 1;
    }

    /** Multiplicity of every trajectory when each patient is counted {@code patientCounts[p]} times. */
    public double[] trajectoryMultiplicities(int[] patientCounts) {
        double[] m = new double[trajectories.size()];
        for (int p = 0; p < patients.length; p++) {
            if (patientCounts[p] != 0) {
                for (int i : patients[p]) {
                    m[i] += patientCounts[p];
                }
            }
        }
        return m;
    }
}
