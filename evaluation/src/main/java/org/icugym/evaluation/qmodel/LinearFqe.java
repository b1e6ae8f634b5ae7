package org.icugym.evaluation.qmodel;

import java.util.Arrays;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.icugym.evaluation.policy.Policy;

/**
 * Fitted Q evaluation with a linear model per action on feature vectors,
 * {@code Q(x, a) = theta_a . phi(x)} with {@code phi(x) = (1, x)} (or {@code x} without intercept):
 * iterates ridge regressions of {@code y = r + gamma sum_a' pi(a'|x') Q(x', a')} ({@code 0} after
 * a trajectory's last step) on the logged {@code (x, a)} until the coefficients move by less than
 * {@link #TOLERANCE}. With one-hot features and no ridge it is tabular FQE without a prior.
 *
 * <p>Linear FQE can diverge off-policy (the deadly triad); a fit that grows without bound fails
 * with advice. Each iteration costs O(steps x actions x features). Thread-safe after construction.
 */
public final class LinearFqe {
    /** Convergence threshold on the largest change of a coefficient in one iteration. */
    public static final double TOLERANCE = 1e-9;
    /** Iterations after which a fit gives up. */
    public static final int MAX_ITERATIONS = 5_000;

    private final TrajectoryDataset data;
    private final String policyName;
    private final double gamma;
    private final double ridge;
    private final boolean intercept;
    private final int numActions;
    private final int dims;
    private final double[][] phi;
    private final int[] action;
    private final double[] reward;
    private final double[][] nextPi;
    private final double[][] startPi;
    private final int[] trajectoryStart;

    /**
     * Lays out {@code data} (feature vectors required) for evaluating {@code policy} with discount
     * {@code gamma}, ridge penalty {@code ridge} (&gt;= 0) and an optional intercept feature.
     */
    public LinearFqe(TrajectoryDataset data, Policy policy, double gamma, double ridge, boolean intercept) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new InvalidDatasetException("discount gamma must be in (0, 1], got " + gamma);
        }
        if (!(ridge >= 0)) {
            throw new InvalidDatasetException("ridge penalty must be non-negative, got " + ridge);
        }
        this.data = data;
        this.policyName = policy.name();
        this.gamma = gamma;
        this.ridge = ridge;
        this.intercept = intercept;
        this.numActions = data.numActions();
        int steps = data.totalSteps();
        this.phi = new double[steps][];
        this.action = new int[steps];
        this.reward = new double[steps];
        this.nextPi = new double[steps][];
        this.startPi = new double[data.size()][];
        this.trajectoryStart = new int[data.size() + 1];
        int k = 0;
        int d = -1;
        for (int i = 0; i < data.size(); i++) {
            Trajectory t = data.get(i);
            trajectoryStart[i] = k;
            startPi[i] = policy.probabilities(t, 0);
            for (int s = 0; s < t.length(); s++, k++) {
                phi[k] = features(t.feature(s));
                if (d >= 0 && phi[k].length != d) {
                    throw new InvalidDatasetException("trajectory of patient " + t.patientId() + " has "
                            + t.feature(s).length + " features at step " + s + ": expected " + (intercept ? d - 1 : d));
                }
                d = phi[k].length;
                action[k] = t.actions()[s];
                reward[k] = t.rewards()[s];
                nextPi[k] = s + 1 < t.length() ? policy.probabilities(t, s + 1) : null;
            }
        }
        trajectoryStart[data.size()] = k;
        this.dims = d;
    }

    private double[] features(double[] x) {
        if (!intercept) {
            return x;
        }
        double[] f = new double[x.length + 1];
        f[0] = 1;
        System.arraycopy(x, 0, f, 1, x.length);
        return f;
    }

    /** The fit with every trajectory counted once. */
    public Fit fit() {
        double[] ones = new double[data.size()];
        Arrays.fill(ones, 1);
        return fit(ones);
    }

    /** The fit when trajectory {@code i} counts {@code multiplicity[i]} times. */
    public Fit fit(double[] multiplicity) {
        double[][][] chol = new double[numActions][][];
        for (int a = 0; a < numActions; a++) {
            double[][] g = new double[dims][dims];
            for (int j = 0; j < dims; j++) {
                g[j][j] = ridge;
            }
            chol[a] = g;
        }
        forEachStep(multiplicity, (k, m) -> {
            double[][] g = chol[action[k]];
            double[] f = phi[k];
            for (int x = 0; x < dims; x++) {
                for (int y = 0; y <= x; y++) {
                    g[x][y] += m * f[x] * f[y];
                }
            }
        });
        for (int a = 0; a < numActions; a++) {
            chol[a] = cholesky(chol[a], a);
        }
        double[][] theta = new double[numActions][dims];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[][] rhs = new double[numActions][dims];
            double[][] current = theta;
            forEachStep(multiplicity, (k, m) -> {
                double y = reward[k];
                if (nextPi[k] != null) {
                    y += gamma * value(current, phi[k + 1], nextPi[k]);
                }
                double[] b = rhs[action[k]];
                for (int x = 0; x < dims; x++) {
                    b[x] += m * phi[k][x] * y;
                }
            });
            double delta = 0;
            double[][] next = new double[numActions][];
            for (int a = 0; a < numActions; a++) {
                next[a] = chol[a] == null ? new double[dims] : solve(chol[a], rhs[a]);
                for (int x = 0; x < dims; x++) {
                    delta = Math.max(delta, Math.abs(next[a][x] - theta[a][x]));
                }
            }
            theta = next;
            if (!(delta < 1e12)) {
                throw new IllegalStateException("linear FQE of '" + policyName + "' diverges: use gamma < 1, a larger"
                        + " ridge penalty or features that represent the value better");
            }
            if (delta < TOLERANCE) {
                return new Fit(theta, multiplicity);
            }
        }
        throw new IllegalStateException("linear FQE of '" + policyName + "' did not converge in " + MAX_ITERATIONS
                + " iterations: use gamma < 1 or a larger ridge penalty");
    }

    private interface StepVisitor {
        void visit(int k, double multiplicity);
    }

    private void forEachStep(double[] multiplicity, StepVisitor v) {
        for (int i = 0; i < data.size(); i++) {
            if (multiplicity[i] != 0) {
                for (int k = trajectoryStart[i]; k < trajectoryStart[i + 1]; k++) {
                    v.visit(k, multiplicity[i]);
                }
            }
        }
    }

    private double value(double[][] theta, double[] f, double[] pi) {
        double v = 0;
        for (int a = 0; a < numActions; a++) {
            if (pi[a] != 0) {
                v += pi[a] * dot(theta[a], f);
            }
        }
        return v;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** Lower Cholesky factor of the symmetric matrix whose lower triangle is {@code g}; null if {@code g} is zero. */
    private double[][] cholesky(double[][] g, int a) {
        int n = g.length;
        boolean zero = true;
        for (double[] row : g) {
            for (double x : row) {
                zero &= x == 0;
            }
        }
        if (zero) {
            return null; // action never logged and no ridge: its Q stays 0
        }
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = g[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new InvalidDatasetException("the features of the steps that took action " + a
                                + " are linearly dependent: add a ridge penalty (> 0)");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    private static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** One fit: the coefficients of every action and the multiplicities used. */
    public final class Fit {
        private final double[][] theta;
        private final double[] multiplicity;

        private Fit(double[][] theta, double[] multiplicity) {
            this.theta = theta;
            this.multiplicity = multiplicity;
        }

        /** The policy value: mean fitted V of the trajectories' first states (weighted by multiplicity). */
        public double value() {
            double sum = 0;
            double n = 0;
            for (int i = 0; i < data.size(); i++) {
                if (multiplicity[i] != 0) {
                    sum += multiplicity[i] * LinearFqe.this.value(theta, phi[trajectoryStart[i]], startPi[i]);
                    n += multiplicity[i];
                }
            }
            return sum / n;
        }

        /** The coefficients of action {@code a} (intercept first when used); a copy. */
        public double[] coefficients(int a) {
            return theta[a].clone();
        }

        /** The fitted Q-model. */
        public QModel qModel() {
            return new QModel() {
                @Override
                public double[] qValues(Trajectory trajectory, int step) {
                    double[] f = features(trajectory.feature(step));
                    double[] q = new double[numActions];
                    for (int a = 0; a < numActions; a++) {
                        q[a] = dot(theta[a], f);
                    }
                    return q;
                }

                @Override
                public String description() {
                    return "linear FQE of '" + policyName + "', gamma " + gamma + ", ridge " + ridge;
                }
            };
        }
    }
}
