package org.icugym.worldmodel.report;

import java.util.Arrays;
import java.util.Comparator;

/** Rank statistics used by the fidelity report: average precision and Spearman's rank correlation. */
public final class Ranking {
    private Ranking() {}

    /**
     * Area under the precision–recall curve as average precision: the mean, over positives, of
     * the precision among all rows scored at least as high (ties share one threshold).
     *
     * @return a value in (0, 1], or NaN if there is no positive
     */
    public static double averagePrecision(double[] scores, boolean[] labels) {
        requireSameLength(scores.length, labels.length);
        Integer[] order = byScore(scores);
        long positives = 0;
        for (boolean l : labels) {
            positives += l ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double sum = 0;
        long truePositives = 0;
        int i = order.length - 1;
        while (i >= 0) {
            int j = i;
            long groupPositives = 0;
            while (j >= 0 && scores[order[j]] == scores[order[i]]) {
                groupPositives += labels[order[j]] ? 1 : 0;
                j--;
            }
            truePositives += groupPositives;
            double precision = truePositives / (double) (order.length - 1 - j);
            sum += groupPositives * precision;
            i = j;
        }
        return sum / positives;
    }

    /**
     * Spearman's rank correlation (Pearson correlation of average ranks).
     *
     * @return a value in [−1, 1], or NaN if either side is constant
     */
    public static double spearman(double[] x, double[] y) {
        requireSameLength(x.length, y.length);
        return pearson(ranks(x), ranks(y));
    }

    /** Average ranks (1-based; ties get the mean of their ranks). */
    static double[] ranks(double[] values) {
        Integer[] order = byScore(values);
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return ranks;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    private static Integer[] byScore(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }

    private static void requireSameLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("lengths differ: " + a + " and " + b);
        }
    }
}
