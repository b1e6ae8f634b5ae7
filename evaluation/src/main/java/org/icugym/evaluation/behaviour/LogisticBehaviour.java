package org.icugym.evaluation.behaviour;

import java.util.Locale;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;

/**
 * The behaviour policy estimated on feature vectors by multinomial logistic (softmax) regression:
 * {@code b(a|x) = (1 - epsilon) softmax(W x + c)_a + epsilon / |A|}.
 *
 * <p>The weights minimise the mean negative log-likelihood of the logged actions plus
 * {@code ridge/2 |W|^2} (the intercepts {@code c} are not penalised), by Nesterov-accelerated
 * gradient descent with step {@code 1/L} and {@code L} the curvature bound
 * {@code max eigenvalue of (X'X/n)/2 + ridge} (the softmax Hessian is at most half the
 * covariance of the inputs per class), restarted whenever the loss rises, until the largest
 * gradient component is below {@code 1e-6} or {@link #MAX_ITERATIONS} iterations. An action
 * never logged gets a large negative intercept, and so a probability near 0 before softening.
 *
 * <p>Unlike {@link KnnBehaviour} the model is smooth in {@code x} and cheap to query (O(features ×
 * actions)), but it can only represent log-linear preferences: the clinicians' thresholds (e.g.
 * vasopressors when MAP < 65) become soft slopes. Immutable, thread-safe; deterministic.
 */
public final class LogisticBehaviour implements BehaviourModel {
    /** Iteration limit of the fit. */
    public static final int MAX_ITERATIONS = 3000;
    private static final double TOLERANCE = 1e-6;

    private final double[][] weights; // [action][feature + 1], last column the intercept
    private final int numActions;
    private final double ridge;
    private final double epsilon;
    private final int iterations;
    private final double logLikelihood;

    private LogisticBehaviour(double[][] weights, int numActions, double ridge, double epsilon, int iterations,
            double logLikelihood) {
        this.weights = weights;
        this.numActions = numActions;
        this.ridge = ridge;
        this.epsilon = epsilon;
        this.iterations = iterations;
        this.logLikelihood = logLikelihood;
    }

    /**
     * Fits on the feature vectors and actions of {@code data}.
     *
     * @param ridge L2 penalty on the weights (not the intercepts), at least 0; 1e-3 is a mild default
     * @param epsilon softening in [0, 1)
     * @throws InvalidDatasetException for bad settings or feature vectors of different lengths
     */
    public static LogisticBehaviour fit(TrajectoryDataset data, double ridge, double epsilon) {
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new InvalidDatasetException("behaviour softening epsilon must be in [0, 1), got " + epsilon);
        }
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new InvalidDatasetException("logistic ridge penalty must be finite and >= 0, got " + ridge);
        }
        int n = data.totalSteps();
        double[][] x = new double[n][];
        int[] y = new int[n];
        int i = 0;
        for (Trajectory t : data.trajectories()) {
            for (int s = 0; s < t.length(); s++, i++) {
                double[] f = t.feature(s);
                if (i > 0 && f.length != x[0].length) {
                    throw new InvalidDatasetException("trajectory of patient " + t.patientId() + " has " + f.length
                            + " features at step " + s + ": expected " + x[0].length);
                }
                for (double v : f) {
                    if (!Double.isFinite(v)) {
                        throw new InvalidDatasetException("trajectory of patient " + t.patientId() + " has a "
                                + "non-finite feature at step " + s + "; impute missing values first");
                    }
                }
                x[i] = f;
                y[i] = t.actions()[s];
            }
        }
        return new Fitter(x, y, data.numActions(), ridge).run(epsilon);
    }

    /** b(. | x) for any feature vector. */
    public double[] probabilities(double[] x) {
        double[] p = softmax(weights, x);
        for (int a = 0; a < numActions; a++) {
            p[a] = (1 - epsilon) * p[a] + epsilon / numActions;
        }
        return p;
    }

    @Override
    public double probability(Trajectory trajectory, int step) {
        return probabilities(trajectory.feature(step))[trajectory.actions()[step]];
    }

    /** Iterations the fit took. */
    public int iterations() {
        return iterations;
    }

    /** Mean log-likelihood of the logged actions under the fitted (unsoftened) model. */
    public double meanLogLikelihood() {
        return logLikelihood;
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "multinomial logistic regression (ridge %s, %d iterations, mean "
                + "log-likelihood %.4f), epsilon %s", ridge, iterations, logLikelihood, epsilon);
    }

    private static double[] softmax(double[][] w, double[] x) {
        int d = x.length;
        double[] z = new double[w.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < w.length; a++) {
            double s = w[a][d];
            for (int j = 0; j < d; j++) {
                s += w[a][j] * x[j];
            }
            z[a] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int a = 0; a < z.length; a++) {
            z[a] = Math.exp(z[a] - max);
            sum += z[a];
        }
        for (int a = 0; a < z.length; a++) {
            z[a] /= sum;
        }
        return z;
    }

    /** Accelerated gradient descent on the penalised negative log-likelihood. */
    private static final class Fitter {
        private final double[][] x;
        private final int[] y;
        private final int actions;
        private final int d;
        private final double ridge;

        Fitter(double[][] x, int[] y, int actions, double ridge) {
            this.x = x;
            this.y = y;
            this.actions = actions;
            this.d = x[0].length;
            this.ridge = ridge;
        }

        LogisticBehaviour run(double epsilon) {
            double step = 1 / (0.5 * largestEigenvalue() + ridge);
            double[][] w = initial();
            double[][] previous = copy(w);
            double[][] grad = new double[actions][d + 1];
            double momentum = 1;
            int it = 0;
            while (it < MAX_ITERATIONS) {
                it++;
                double nextMomentum = (1 + Math.sqrt(1 + 4 * momentum * momentum)) / 2;
                double beta = (momentum - 1) / nextMomentum;
                double[][] look = new double[actions][d + 1];
                for (int a = 0; a < actions; a++) {
                    for (int j = 0; j <= d; j++) {
                        look[a][j] = w[a][j] + beta * (w[a][j] - previous[a][j]);
                    }
                }
                lossAndGradient(look, grad);
                if (maxAbs(grad) < TOLERANCE) {
                    w = look;
                    break;
                }
                double[][] next = new double[actions][d + 1];
                double progress = 0;
                for (int a = 0; a < actions; a++) {
                    for (int j = 0; j <= d; j++) {
                        next[a][j] = look[a][j] - step * grad[a][j];
                        progress += grad[a][j] * (next[a][j] - w[a][j]);
                    }
                }
                if (progress > 0 && beta > 0) {
                    // momentum points uphill: restart it (O'Donoghue & Candes 2015, gradient scheme)
                    momentum = 1;
                    previous = w;
                    continue;
                }
                previous = w;
                w = next;
                momentum = nextMomentum;
            }
            double loss = lossAndGradient(w, grad);
            double penalty = 0;
            for (double[] row : w) {
                for (int j = 0; j < d; j++) {
                    penalty += 0.5 * ridge * row[j] * row[j];
                }
            }
            return new LogisticBehaviour(w, actions, ridge, epsilon, it, -(loss - penalty));
        }

        /** Intercepts at the log of the (smoothed) action frequencies, weights 0. */
        private double[][] initial() {
            double[] counts = new double[actions];
            for (int a : y) {
                if (a < 0 || a >= actions) {
                    throw new InvalidDatasetException("logged action " + a + " is outside [0, " + actions + ")");
                }
                counts[a]++;
            }
            double[][] w = new double[actions][d + 1];
            for (int a = 0; a < actions; a++) {
                w[a][d] = Math.log((counts[a] + 0.01) / (y.length + 0.01 * actions));
            }
            return w;
        }

        /** Penalised mean negative log-likelihood at {@code w}; writes its gradient into {@code grad}. */
        private double lossAndGradient(double[][] w, double[][] grad) {
            for (double[] row : grad) {
                java.util.Arrays.fill(row, 0);
            }
            double loss = 0;
            for (int i = 0; i < x.length; i++) {
                double[] p = softmax(w, x[i]);
                loss -= Math.log(Math.max(p[y[i]], 1e-300));
                p[y[i]] -= 1;
                for (int a = 0; a < actions; a++) {
                    double g = p[a];
                    if (g == 0) {
                        continue;
                    }
                    double[] row = grad[a];
                    for (int j = 0; j < d; j++) {
                        row[j] += g * x[i][j];
                    }
                    row[d] += g;
                }
            }
            int n = x.length;
            loss /= n;
            for (int a = 0; a < actions; a++) {
                for (int j = 0; j <= d; j++) {
                    grad[a][j] /= n;
                }
                for (int j = 0; j < d; j++) {
                    grad[a][j] += ridge * w[a][j];
                    loss += 0.5 * ridge * w[a][j] * w[a][j];
                }
            }
            return loss;
        }

        /** Largest eigenvalue of the second-moment matrix of (x, 1), by power iteration. */
        private double largestEigenvalue() {
            int m = d + 1;
            double[][] c = new double[m][m];
            for (double[] row : x) {
                for (int j = 0; j < m; j++) {
                    double xj = j < d ? row[j] : 1;
                    for (int k = 0; k < m; k++) {
                        c[j][k] += xj * (k < d ? row[k] : 1) / x.length;
                    }
                }
            }
            double[] v = new double[m];
            java.util.Arrays.fill(v, 1 / Math.sqrt(m));
            double lambda = 0;
            for (int it = 0; it < 200; it++) {
                double[] u = new double[m];
                for (int j = 0; j < m; j++) {
                    for (int k = 0; k < m; k++) {
                        u[j] += c[j][k] * v[k];
                    }
                }
                double norm = Math.sqrt(java.util.Arrays.stream(u).map(z -> z * z).sum());
                if (norm == 0) {
                    return 1;
                }
                lambda = norm;
                for (int j = 0; j < m; j++) {
                    v[j] = u[j] / norm;
                }
            }
            return lambda * 1.01; // power iteration approaches from below
        }

        private static double maxAbs(double[][] g) {
            double m = 0;
            for (double[] row : g) {
                for (double v : row) {
                    m = Math.max(m, Math.abs(v));
                }
            }
            return m;
        }

        private static double[][] copy(double[][] w) {
            double[][] c = new double[w.length][];
            for (int a = 0; a < w.length; a++) {
                c[a] = w[a].clone();
            }
            return c;
        }
    }
}
