package org.icugym.core.envs.icusepsis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.icugym.core.io.NpyArray;
import org.icugym.core.io.NpyFormatException;
import org.icugym.core.io.NpyReader;
import org.icugym.core.io.NpzReader;

/**
 * Reads the ICU-Sepsis arrays: streams {@code tx_mat} straight into compressed sparse rows (it is
 * 100 MB dense), keeps the non-zero rewards of {@code r_mat}, and reads the small arrays densely.
 */
final class IcuSepsisLoader {
    private static final double ROW_SUM_TOLERANCE = 1e-9;

    private final String source;
    private final Map<String, NpyArray> dense = new HashMap<>();
    private int[] rowStart;
    private int[] successor = new int[1 << 21];
    private double[] cumulative = new double[1 << 21];
    private int nonZeros;
    private int[] txShape;
    private int[] rewardShape;
    private final List<long[]> rewardEntries = new ArrayList<>();
    private final List<Double> rewardValues = new ArrayList<>();

    private IcuSepsisLoader(String source) {
        this.source = source;
    }

    /** Reads the archive {@code npz} (named {@code source} in errors) and the admissible-actions text. */
    static IcuSepsisData read(InputStream npz, String source, BufferedReader admissible, String admissibleSource)
            throws IOException {
        IcuSepsisLoader l = new IcuSepsisLoader(source);
        NpzReader.forEachEntry(npz, source, l::entry);
        return l.build(admissible, admissibleSource);
    }

    private void entry(String name, NpyReader reader) throws IOException {
        switch (name) {
            case "tx_mat" -> readTransitions(reader);
            case "r_mat" -> readRewards(reader);
            case "d_0", "expert_policy", "sofa_scores", "state_cluster_centers" -> dense.put(name, reader.readAll());
            default -> { } // unknown arrays are ignored
        }
    }

    private void readTransitions(NpyReader reader) throws IOException {
        int[] shape = reader.shape();
        requireShape(reader, shape.length == 3 && shape[0] == shape[2], "(S, A, S)");
        txShape = shape;
        rowStart = new int[shape[0] * shape[1] + 1];
        reader.readRows(shape[2], (r, row) -> {
            double sum = 0;
            for (int next = 0; next < row.length; next++) {
                double p = row[next];
                if (!(p >= 0 && p <= 1)) {
                    throw new NpyFormatException(reader.source() + ": P(s'=" + next + " | " + sa(r, shape[1])
                            + ") = " + p + ": expected a probability in [0, 1]");
                }
                if (p > 0) {
                    sum += p;
                    append(next, sum);
                }
            }
            if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
                throw new NpyFormatException(reader.source() + ": row " + sa(r, shape[1]) + " sums to " + sum
                        + ": expected a probability distribution over next states (sum 1)");
            }
            rowStart[(int) r + 1] = nonZeros;
        });
    }

    private void readRewards(NpyReader reader) throws IOException {
        rewardShape = reader.shape();
        requireShape(reader, rewardShape.length == 3, "(S, A, S)");
        reader.readRows(rewardShape[2], (r, row) -> {
            for (int next = 0; next < row.length; next++) {
                if (row[next] != 0) {
                    rewardEntries.add(new long[] {r, next});
                    rewardValues.add(row[next]);
                }
            }
        });
    }

    private IcuSepsisData build(BufferedReader admissible, String admissibleSource) throws IOException {
        for (String name : List.of("tx_mat", "r_mat", "d_0", "expert_policy", "sofa_scores")) {
            if (!dense.containsKey(name) && !(name.equals("tx_mat") && txShape != null)
                    && !(name.equals("r_mat") && rewardShape != null)) {
                throw new NpyFormatException(source + ": missing array '" + name + ".npy'");
            }
        }
        int states = txShape[0];
        int actions = txShape[1];
        if (!Arrays.equals(rewardShape, txShape)) {
            throw new NpyFormatException(source + ": r_mat has shape " + Arrays.toString(rewardShape)
                    + ": expected the shape of tx_mat " + Arrays.toString(txShape));
        }
        double[] d0 = vector("d_0", states);
        double[] sofa = vector("sofa_scores", states);
        NpyArray expert = dense.get("expert_policy");
        requireShape(expert, new int[] {states, actions}, "expert_policy");
        NpyArray centres = dense.get("state_cluster_centers");
        double[][] centreRows = centres == null ? new double[states][0] : centres.toMatrix();
        SparseTransitions transitions = new SparseTransitions(states, actions, rowStart,
                Arrays.copyOf(successor, nonZeros), Arrays.copyOf(cumulative, nonZeros), rewards(actions));
        return new IcuSepsisData(transitions, d0, expert.toMatrix(), sofa, centreRows,
                AdmissibleActions.parse(admissible, admissibleSource, states, actions));
    }

    private double[] rewards(int actions) {
        double[] reward = new double[nonZeros];
        for (int i = 0; i < rewardEntries.size(); i++) {
            long[] e = rewardEntries.get(i);
            int row = (int) e[0];
            int k = Arrays.binarySearch(successor, rowStart[row], rowStart[row + 1], (int) e[1]);
            if (k >= 0) { // a reward on a transition of probability 0 can never be collected
                reward[k] = rewardValues.get(i);
            }
        }
        return reward;
    }

    private double[] vector(String name, int states) throws NpyFormatException {
        NpyArray a = dense.get(name);
        requireShape(a, new int[] {states}, name);
        return a.data();
    }

    private void requireShape(NpyArray a, int[] expected, String name) throws NpyFormatException {
        if (!Arrays.equals(a.shape(), expected)) {
            throw new NpyFormatException(source + ": " + name + " has shape " + Arrays.toString(a.shape())
                    + ": expected " + Arrays.toString(expected) + " to match tx_mat");
        }
    }

    private static void requireShape(NpyReader r, boolean ok, String expected) throws NpyFormatException {
        if (!ok) {
            throw new NpyFormatException(r.source() + ": shape " + Arrays.toString(r.shape()) + ": expected "
                    + expected);
        }
    }

    private void append(int next, double cumulativeProbability) {
        if (nonZeros == successor.length) {
            successor = Arrays.copyOf(successor, nonZeros * 2);
            cumulative = Arrays.copyOf(cumulative, nonZeros * 2);
        }
        successor[nonZeros] = next;
        cumulative[nonZeros] = cumulativeProbability;
        nonZeros++;
    }

    private static String sa(long row, int actions) {
        return "(s=" + row / actions + ", a=" + row % actions + ")";
    }
}
