package org.icugym.evaluation.ope;

import java.util.List;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.icugym.evaluation.policy.TabularPolicy;
import org.icugym.evaluation.qmodel.TabularQModel;

/**
 * Three hand-made trajectories over two states and two actions, with behaviour
 * b(.|0) = (0.5, 0.5), b(.|1) = (0.25, 0.75) recorded, and the target pi(.|0) = (0.8, 0.2),
 * pi(.|1) = (0.5, 0.5):
 * <pre>
 * A (patient p1): s0 a0 r0 -> s1 a1 r1   ratios 1.6, 2/3   weights w0 = 1.6, w1 = 16/15
 * B (patient p2): s0 a1 r0               ratio  0.4        weight  w0 = 0.4
 * C (patient p3): s0 a0 r1 -> s1 a0 r0   ratios 1.6, 2     weights w0 = 1.6, w1 = 3.2
 * </pre>
 */
final class TinyDatasets {
    static final double[][] TARGET = {{0.8, 0.2}, {0.5, 0.5}};
    /** Q(0, .) = (0.6, 0.2), Q(1, .) = (0.3, 0.9): V(0) = 0.52, V(1) = 0.6 under the target. */
    static final double[][] Q = {{0.6, 0.2}, {0.3, 0.9}};

    private TinyDatasets() {
    }

    static TrajectoryDataset threeTrajectories() {
        return new TrajectoryDataset(List.of(
                new Trajectory("p1", new int[] {0, 1}, null, new int[] {0, 1}, new double[] {0, 1},
                        new double[] {0.5, 0.75}),
                new Trajectory("p2", new int[] {0}, null, new int[] {1}, new double[] {0}, new double[] {0.5}),
                new Trajectory("p3", new int[] {0, 1}, null, new int[] {0, 0}, new double[] {1, 0},
                        new double[] {0.5, 0.25})), 2);
    }

    static TabularPolicy target() {
        return new TabularPolicy("target", TARGET);
    }

    static TabularQModel qModel() {
        return new TabularQModel(Q, "hand-made");
    }

    static double[] ones(int n) {
        double[] m = new double[n];
        java.util.Arrays.fill(m, 1);
        return m;
    }
}
