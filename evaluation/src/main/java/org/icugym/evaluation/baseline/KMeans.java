package org.icugym.evaluation.baseline;

import org.icugym.core.random.Rng;
import org.icugym.evaluation.data.InvalidDatasetException;

/**
 * k-means clustering (k-means++ seeding, then Lloyd iterations until no point changes cluster or
 * {@code maxIterations}), Euclidean on the features as given. Cost O(points x k x features) per
 * iteration. The fitted centroids are immutable; {@link #nearest} is thread-safe.
 */
public final class KMeans {
    private final double[][] centroids;

    private KMeans(double[][] centroids) {
        this.centroids = centroids;
    }

    /** Clusters {@code points} into {@code k} clusters with generator seed {@code seed}. */
    public static KMeans fit(double[][] points, int k, int maxIterations, long seed) {
        if (k < 1 || k > points.length) {
            throw new InvalidDatasetException("k-means needs 1 <= k <= number of points (" + points.length + "), got " + k);
        }
        Rng rng = new Rng(seed);
        double[][] c = seed(points, k, rng);
        int[] assignment = new int[points.length];
        java.util.Arrays.fill(assignment, -1);
        KMeans model = new KMeans(c);
        for (int it = 0; it < maxIterations; it++) {
            boolean changed = false;
            for (int i = 0; i < points.length; i++) {
                int a = model.nearest(points[i]);
                if (a != assignment[i]) {
                    assignment[i] = a;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[][] sum = new double[k][points[0].length];
            int[] count = new int[k];
            for (int i = 0; i < points.length; i++) {
                count[assignment[i]]++;
                for (int j = 0; j < points[i].length; j++) {
                    sum[assignment[i]][j] += points[i][j];
                }
            }
            for (int x = 0; x < k; x++) {
                if (count[x] > 0) { // an empty cluster keeps its centroid
                    for (int j = 0; j < sum[x].length; j++) {
                        c[x][j] = sum[x][j] / count[x];
                    }
                }
            }
        }
        return model;
    }

    private static double[][] seed(double[][] points, int k, Rng rng) {
        double[][] c = new double[k][];
        c[0] = points[rng.nextInt(points.length)].clone();
        double[] d = new double[points.length];
        java.util.Arrays.fill(d, Double.POSITIVE_INFINITY);
        for (int x = 1; x < k; x++) {
            double total = 0;
            for (int i = 0; i < points.length; i++) {
                d[i] = Math.min(d[i], distance(points[i], c[x - 1]));
                total += d[i];
            }
            double u = rng.nextDouble() * total;
            int chosen = points.length - 1;
            for (int i = 0; i < points.length; i++) {
                u -= d[i];
                if (u < 0) {
                    chosen = i;
                    break;
                }
            }
            c[x] = points[chosen].clone();
        }
        return c;
    }

    /** Index of the centroid nearest to {@code x}. */
    public int nearest(double[] x) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < centroids.length; i++) {
            double dd = distance(x, centroids[i]);
            if (dd < bestDistance) {
                bestDistance = dd;
                best = i;
            }
        }
        return best;
    }

    /** Number of clusters. */
    public int k() {
        return centroids.length;
    }

    /** Centroid {@code i}; a copy. */
    public double[] centroid(int i) {
        return centroids[i].clone();
    }

    private static double distance(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new InvalidDatasetException("feature vector has " + x.length + " values: expected " + y.length);
        }
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            double e = x[j] - y[j];
            s += e * e;
        }
        return s;
    }
}
