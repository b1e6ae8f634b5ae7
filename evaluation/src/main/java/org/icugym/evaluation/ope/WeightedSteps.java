package org.icugym.evaluation.ope;

import org.icugym.evaluation.behaviour.BehaviourModel;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.icugym.evaluation.policy.Policy;
import org.icugym.evaluation.qmodel.QModel;

/**
 * The per-step quantities every importance-sampling estimator needs, computed once: cumulative
 * (clipped) weights {@code w_it}, discounted rewards and, for the doubly robust estimators, the
 * Q-model's {@code Q(s_t, a_t)} and {@code V(s_t) = sum_a pi(a|s_t) Q(s_t, a)}. The estimators are
 * functions of trajectory multiplicities (all ones for the full data, bootstrap counts otherwise).
 *
 * <p>Trajectories of different lengths are padded to the longest one with an absorbing state in
 * which the policies agree: after its last step a trajectory keeps its final weight and earns 0.
 * This is the convention of the weighted per-decision estimators in Thomas (2015) and Jiang and Li
 * (2016). Immutable and thread-safe.
 */
public final class WeightedSteps {
    private final int n;
    private final int horizon;
    private final int[] start;
    private final double[] weight;
    private final double[] discountedReward;
    private final double[] discountedQ;
    private final double[] discountedV;
    private final double[] finalWeight;
    private final double[] discountedReturn;
    private final double[] discount;
    private final boolean[] clipped;
    private final Clipping clipping;

    private WeightedSteps(int n, int horizon, int steps, Clipping clipping, boolean withQ) {
        this.n = n;
        this.horizon = horizon;
        this.start = new int[n + 1];
        this.weight = new double[steps];
        this.discountedReward = new double[steps];
        this.discountedQ = withQ ? new double[steps] : null;
        this.discountedV = withQ ? new double[steps] : null;
        this.finalWeight = new double[n];
        this.discountedReturn = new double[n];
        this.clipped = new boolean[n];
        this.discount = new double[horizon];
        this.clipping = clipping;
    }

    /**
     * Computes the weights of {@code policy} against {@code behaviour} on {@code data}, discount
     * {@code gamma} in (0, 1], optional {@code qModel} (null: DR and WDR are unavailable).
     */
    public static WeightedSteps of(TrajectoryDataset data, Policy policy, BehaviourModel behaviour, QModel qModel,
            double gamma, Clipping clipping) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new InvalidDatasetException("discount gamma must be in (0, 1], got " + gamma);
        }
        if (policy.numActions() != data.numActions()) {
            throw new InvalidDatasetException("policy '" + policy.name() + "' has " + policy.numActions()
                    + " actions but the data has " + data.numActions());
        }
        WeightedSteps ws = new WeightedSteps(data.size(), data.maxLength(), data.totalSteps(), clipping, qModel != null);
        double d = 1;
        for (int t = 0; t < ws.horizon; t++) {
            ws.discount[t] = d;
            d *= gamma;
        }
        int k = 0;
        for (int i = 0; i < data.size(); i++) {
            ws.start[i] = k;
            Trajectory tr = data.get(i);
            double raw = 1;
            double g = 0;
            for (int t = 0; t < tr.length(); t++, k++) {
                double[] pi = policy.probabilities(tr, t);
                int a = tr.actions()[t];
                double b = behaviour.probability(tr, t);
                if (!(b > 0)) {
                    throw new InvalidDatasetException("behaviour probability of the logged action is " + b
                            + " (patient " + tr.patientId() + ", step " + t + "): soften the behaviour estimate");
                }
                raw *= pi[a] / b;
                double w = Math.min(raw, clipping.maxWeight());
                if (w < raw) {
                    ws.clipped[i] = true;
                }
                ws.weight[k] = w;
                ws.discountedReward[k] = ws.discount[t] * tr.rewards()[t];
                g += ws.discountedReward[k];
                if (qModel != null) {
                    double[] q = qModel.qValues(tr, t);
                    double v = 0;
                    for (int x = 0; x < q.length; x++) {
                        v += pi[x] * q[x];
                    }
                    ws.discountedQ[k] = ws.discount[t] * q[a];
                    ws.discountedV[k] = ws.discount[t] * v;
                }
            }
            ws.finalWeight[i] = ws.weight[k - 1];
            ws.discountedReturn[i] = g;
        }
        ws.start[data.size()] = k;
        return ws;
    }

    /** The estimate of {@code estimator} (not FQE) under trajectory multiplicities {@code m}. */
    public double estimate(Estimator estimator, double[] m) {
        return switch (estimator) {
            case IS -> is(m);
            case WIS -> wis(m);
            case PDIS -> pdis(m);
            case WPDIS -> wpdis(m);
            case DR -> dr(m);
            case WDR -> wdr(m);
            case FQE -> throw new IllegalArgumentException("FQE is not an importance-sampling estimator");
        };
    }

    /** Whether the doubly robust estimators are available (a Q-model was given). */
    public boolean hasQModel() {
        return discountedQ != null;
    }

    /** Trajectory-wise IS. */
    public double is(double[] m) {
        double sum = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            sum += m[i] * finalWeight[i] * discountedReturn[i];
            total += m[i];
        }
        return sum / total;
    }

    /** Weighted IS; NaN when every weight is zero. */
    public double wis(double[] m) {
        double sum = 0;
        double weights = 0;
        for (int i = 0; i < n; i++) {
            sum += m[i] * finalWeight[i] * discountedReturn[i];
            weights += m[i] * finalWeight[i];
        }
        return weights == 0 ? Double.NaN : sum / weights;
    }

    /** Per-decision IS. */
    public double pdis(double[] m) {
        double sum = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (m[i] == 0) {
                continue;
            }
            double s = 0;
            for (int k = start[i]; k < start[i + 1]; k++) {
                s += weight[k] * discountedReward[k];
            }
            sum += m[i] * s;
            total += m[i];
        }
        return sum / total;
    }

    /** Weighted per-decision IS; NaN when every weight is zero at the first step. */
    public double wpdis(double[] m) {
        double[] denominator = denominators(m);
        double[] numerator = new double[horizon];
        for (int i = 0; i < n; i++) {
            if (m[i] == 0) {
                continue;
            }
            for (int k = start[i], t = 0; k < start[i + 1]; k++, t++) {
                numerator[t] += m[i] * weight[k] * discountedReward[k];
            }
        }
        if (denominator[0] == 0) {
            return Double.NaN;
        }
        double v = 0;
        for (int t = 0; t < horizon; t++) {
            if (denominator[t] != 0) {
                v += numerator[t] / denominator[t];
            }
        }
        return v;
    }

    /** Per-decision doubly robust. */
    public double dr(double[] m) {
        requireQ();
        double sum = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (m[i] == 0) {
                continue;
            }
            double s = 0;
            double previous = 1;
            for (int k = start[i]; k < start[i + 1]; k++) {
                s += weight[k] * (discountedReward[k] - discountedQ[k]) + previous * discountedV[k];
                previous = weight[k];
            }
            sum += m[i] * s;
            total += m[i];
        }
        return sum / total;
    }

    /** Weighted doubly robust; NaN when every weight is zero at the first step. */
    public double wdr(double[] m) {
        requireQ();
        double[] denominator = denominators(m);
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += m[i];
        }
        double[] correction = new double[horizon];
        double[] baseline = new double[horizon];
        for (int i = 0; i < n; i++) {
            if (m[i] == 0) {
                continue;
            }
            double previous = 1;
            for (int k = start[i], t = 0; k < start[i + 1]; k++, t++) {
                correction[t] += m[i] * weight[k] * (discountedReward[k] - discountedQ[k]);
                baseline[t] += m[i] * previous * discountedV[k];
                previous = weight[k];
            }
        }
        if (denominator[0] == 0) {
            return Double.NaN;
        }
        double v = baseline[0] / total;
        for (int t = 0; t < horizon; t++) {
            if (denominator[t] != 0) {
                v += correction[t] / denominator[t];
                if (t + 1 < horizon) {
                    v += baseline[t + 1] / denominator[t];
                }
            }
        }
        return v;
    }

    /** {@code D_t = sum_i m_i w_i,min(t, T_i - 1)}: the per-step normaliser with padding. */
    private double[] denominators(double[] m) {
        double[] active = new double[horizon];
        double[] ended = new double[horizon + 1];
        for (int i = 0; i < n; i++) {
            if (m[i] == 0) {
                continue;
            }
            for (int k = start[i], t = 0; k < start[i + 1]; k++, t++) {
                active[t] += m[i] * weight[k];
            }
            ended[start[i + 1] - start[i]] += m[i] * finalWeight[i];
        }
        double[] d = new double[horizon];
        double finished = 0;
        for (int t = 0; t < horizon; t++) {
            finished += ended[t];
            d[t] = active[t] + finished;
        }
        return d;
    }

    private void requireQ() {
        if (discountedQ == null) {
            throw new IllegalStateException("DR and WDR need a Q-model: fit one (e.g. TabularFqe) and pass it");
        }
    }

    /** Effective sample size of the trajectory weights, {@code (sum W)^2 / sum W^2} (0 if all are zero). */
    public double effectiveSampleSize() {
        double s = 0;
        double s2 = 0;
        for (double w : finalWeight) {
            s += w;
            s2 += w * w;
        }
        return s2 == 0 ? 0 : s * s / s2;
    }

    /** Share of trajectories with a non-zero weight. */
    public double nonZeroWeightShare() {
        int c = 0;
        for (double w : finalWeight) {
            if (w > 0) {
                c++;
            }
        }
        return (double) c / n;
    }

    /** Mean trajectory weight (about 1 when the behaviour covers the evaluated policy). */
    public double meanWeight() {
        double s = 0;
        for (double w : finalWeight) {
            s += w;
        }
        return s / n;
    }

    /** Share of trajectories with at least one clipped weight. */
    public double clippedShare() {
        int c = 0;
        for (boolean b : clipped) {
            if (b) {
                c++;
            }
        }
        return (double) c / n;
    }

    /** The clipping used. */
    public Clipping clipping() {
        return clipping;
    }

    /** The trajectory weights W_i (final cumulative weights, clipped); a copy. */
    public double[] trajectoryWeights() {
        return finalWeight.clone();
    }
}
