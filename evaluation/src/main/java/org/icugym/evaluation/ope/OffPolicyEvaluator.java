package org.icugym.evaluation.ope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.icugym.evaluation.behaviour.BehaviourModel;
import org.icugym.evaluation.bootstrap.ConfidenceInterval;
import org.icugym.evaluation.bootstrap.PatientBootstrap;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.icugym.evaluation.policy.Policy;
import org.icugym.evaluation.qmodel.QModel;
import org.icugym.evaluation.qmodel.TabularFqe;

/**
 * Runs every estimator on one dataset with one behaviour model, discount, clipping and bootstrap.
 * In {@link #importanceSampling} the Q-model of the doubly robust estimators is fitted once on the
 * full data and held fixed in the bootstrap, so their intervals leave out the Q-model's own
 * variance; {@link #doublyRobustWithRefits} refits it on every resample (costlier), and so does the
 * FQE interval.
 */
public final class OffPolicyEvaluator {
    private final TrajectoryDataset data;
    private final BehaviourModel behaviour;
    private final double gamma;
    private final Clipping clipping;
    private final PatientBootstrap bootstrap;

    /** An evaluator of {@code data} against {@code behaviour}, discount {@code gamma} in (0, 1]. */
    public OffPolicyEvaluator(TrajectoryDataset data, BehaviourModel behaviour, double gamma, Clipping clipping,
            PatientBootstrap bootstrap) {
        this.data = data;
        this.behaviour = behaviour;
        this.gamma = gamma;
        this.clipping = clipping;
        this.bootstrap = bootstrap;
    }

    /** IS, WIS, PDIS, WPDIS and, when {@code qModel} is not null, DR and WDR for {@code policy}. */
    public List<OpeResult> importanceSampling(Policy policy, QModel qModel) {
        WeightedSteps ws = WeightedSteps.of(data, policy, behaviour, qModel, gamma, clipping);
        List<Estimator> estimators = new ArrayList<>(List.of(Estimator.IS, Estimator.WIS, Estimator.PDIS,
                Estimator.WPDIS));
        if (qModel != null) {
            estimators.add(Estimator.DR);
            estimators.add(Estimator.WDR);
        }
        double[] ones = ones();
        int k = estimators.size();
        double[][] replicates = new double[k][bootstrap.resamples()];
        for (int e = 0; e < k; e++) {
            Estimator est = estimators.get(e);
            replicates[e] = bootstrap.replicates(m -> ws.estimate(est, m));
        }
        List<OpeResult> results = new ArrayList<>();
        for (int e = 0; e < k; e++) {
            results.add(new OpeResult(estimators.get(e), policy.name(), ws.estimate(estimators.get(e), ones),
                    interval(replicates[e]), ws.effectiveSampleSize(), ws.nonZeroWeightShare(), ws.meanWeight(),
                    clipping, ws.clippedShare(), data.size(), data.numPatients()));
        }
        return results;
    }

    /**
     * DR and WDR whose bootstrap refits the Q-model on every resample ({@code fitter} maps
     * trajectory multiplicities to a Q-model, e.g. {@code m -> fqe.fit(m).qModel()}), so that their
     * intervals include the Q-model's variance; {@code resamples} refits.
     */
    public List<OpeResult> doublyRobustWithRefits(Policy policy, Function<double[], QModel> fitter, int resamples,
            long seed) {
        WeightedSteps full = WeightedSteps.of(data, policy, behaviour, fitter.apply(ones()), gamma, clipping);
        PatientBootstrap b = new PatientBootstrap(data, resamples, seed, bootstrap.level());
        double[][] replicates = new double[2][resamples];
        IntStream.range(0, resamples).parallel().forEach(r -> {
            double[] m = b.multiplicities(r);
            WeightedSteps ws = WeightedSteps.of(data, policy, behaviour, fitter.apply(m), gamma, clipping);
            replicates[0][r] = ws.dr(m);
            replicates[1][r] = ws.wdr(m);
        });
        List<OpeResult> results = new ArrayList<>();
        Estimator[] estimators = {Estimator.DR, Estimator.WDR};
        for (int e = 0; e < 2; e++) {
            results.add(new OpeResult(estimators[e], policy.name(), full.estimate(estimators[e], ones()),
                    interval(replicates[e]), full.effectiveSampleSize(), full.nonZeroWeightShare(), full.meanWeight(),
                    clipping, full.clippedShare(), data.size(), data.numPatients()));
        }
        return results;
    }

    /** FQE with its own bootstrap ({@code resamples} refits; FQE is costlier than the IS estimators). */
    public OpeResult fqe(TabularFqe fqe, String policyName, int resamples, long seed) {
        return fqe(fqe, fqe.fit(), policyName, resamples, seed);
    }

    /** As {@link #fqe(TabularFqe, String, int, long)} with the full-data fit {@code full} already made. */
    public OpeResult fqe(TabularFqe fqe, TabularFqe.Fit full, String policyName, int resamples, long seed) {
        PatientBootstrap b = new PatientBootstrap(data, resamples, seed, bootstrap.level());
        double[] replicates = b.replicates(m -> fqe.fit(m, full).value());
        return new OpeResult(Estimator.FQE, policyName, full.value(), interval(replicates), data.size(), 1.0, 1.0,
                Clipping.NONE, 0.0, data.size(), data.numPatients());
    }

    private ConfidenceInterval interval(double[] replicates) {
        double[] defined = Arrays.stream(replicates).filter(x -> !Double.isNaN(x)).toArray();
        if (defined.length < 2) {
            return new ConfidenceInterval(Double.NaN, Double.NaN, bootstrap.level(), defined.length, Double.NaN);
        }
        return PatientBootstrap.percentile(defined, bootstrap.level());
    }

    private double[] ones() {
        double[] m = new double[data.size()];
        Arrays.fill(m, 1.0);
        return m;
    }
}
