package org.icugym.evaluation.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.icugym.core.envs.icusepsis.IcuSepsisData;
import org.icugym.core.envs.icusepsis.IcuSepsisMdp;
import org.icugym.core.envs.icusepsis.SparseTransitions;
import org.icugym.evaluation.behaviour.RecordedBehaviour;
import org.icugym.evaluation.bootstrap.PatientBootstrap;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.icugym.evaluation.ope.Clipping;
import org.icugym.evaluation.ope.Estimator;
import org.icugym.evaluation.ope.OffPolicyEvaluator;
import org.icugym.evaluation.ope.OpeResult;
import org.icugym.evaluation.policy.DiscreteStatePolicy;
import org.icugym.evaluation.policy.SoftenedPolicy;
import org.icugym.evaluation.policy.TabularPolicy;
import org.icugym.evaluation.qmodel.TabularFqe;

/**
 * Every estimator against the exact values of ICU-Sepsis-v2: draws a behaviour dataset from the
 * clinicians' (expert) policy softened by {@code behaviourEpsilon}, with the behaviour
 * probabilities recorded, and estimates the value of the uniform random, the optimal (value
 * iteration), the softened optimal and the expert policies, each beside its true value from
 * dynamic programming. Run {@link #main} for a Markdown table.
 */
public final class IcuSepsisValidation {
    /** The evaluated policies, by name. */
    public enum Target {
        /** Uniform over the 25 actions (true value 0.780). */
        RANDOM,
        /** The deterministic optimal policy of value iteration (0.875). */
        OPTIMAL,
        /** The optimal policy softened by {@code targetSoftening}. */
        OPTIMAL_SOFTENED,
        /** The clinicians' policy (0.782). */
        EXPERT
    }

    /**
     * What to run.
     *
     * @param episodes behaviour episodes (one per patient)
     * @param behaviourEpsilon softening of the expert policy that generates the data, in [0, 1]
     * @param targetSoftening softening of the optimal policy for {@link Target#OPTIMAL_SOFTENED}
     * @param seed seed of the dataset and the bootstrap
     * @param resamples bootstrap resamples of the importance-sampling estimators
     * @param fqeResamples bootstrap resamples (refits) of FQE
     * @param priorCount FQE prior count
     * @param targets the policies to evaluate
     */
    public record Settings(int episodes, double behaviourEpsilon, double targetSoftening, long seed, int resamples,
            int fqeResamples, double priorCount, List<Target> targets) {
        /** The defaults of {@link #main}: 20,000 episodes, behaviour epsilon 0.1, 2,000 and 200 resamples. */
        public static Settings defaults() {
            return new Settings(20_000, 0.1, 0.1, 1, PatientBootstrap.DEFAULT_RESAMPLES, 200,
                    TabularFqe.DEFAULT_PRIOR_COUNT, List.of(Target.values()));
        }
    }

    /**
     * The estimates of one policy.
     *
     * @param policy the policy's name
     * @param truth its exact value
     * @param results one result per estimator
     */
    public record PolicyReport(String policy, double truth, List<OpeResult> results) {
        /** The result of {@code estimator}. */
        public OpeResult result(Estimator estimator) {
            return results.stream().filter(r -> r.estimator() == estimator).findFirst().orElseThrow(
                    () -> new IllegalArgumentException(estimator + " was not run for " + policy));
        }
    }

    /**
     * A validation run.
     *
     * @param settings what was run
     * @param behaviourValue exact value of the behaviour policy
     * @param meanReturn mean return of the behaviour data
     * @param steps total steps of the behaviour data
     * @param policies one report per evaluated policy
     */
    public record Report(Settings settings, double behaviourValue, double meanReturn, int steps,
            List<PolicyReport> policies) {
        /** The report of the policy named {@code name}. */
        public PolicyReport policy(String name) {
            return policies.stream().filter(p -> p.policy().equals(name)).findFirst().orElseThrow();
        }
    }

    private IcuSepsisValidation() {
    }

    /** Runs the validation. */
    public static Report run(Settings s) {
        if (!(s.behaviourEpsilon() >= 0 && s.behaviourEpsilon() <= 1)) {
            throw new InvalidDatasetException("behaviour epsilon must be in [0, 1], got " + s.behaviourEpsilon());
        }
        IcuSepsisData mdpData = IcuSepsisData.load();
        IcuSepsisMdp mdp = new IcuSepsisMdp(mdpData);
        double[][] behaviour = SoftenedPolicy.soften(mdpData.expertPolicy(), s.behaviourEpsilon());
        TrajectoryDataset data = IcuSepsisDatasets.sample(mdpData, behaviour, s.episodes(), s.seed());
        OffPolicyEvaluator evaluator = new OffPolicyEvaluator(data, RecordedBehaviour.INSTANCE, 1.0, Clipping.NONE,
                new PatientBootstrap(data, s.resamples(), s.seed(), PatientBootstrap.DEFAULT_LEVEL));
        IcuSepsisMdp.Solution optimal = mdp.valueIteration();
        List<PolicyReport> reports = new ArrayList<>();
        for (Target target : s.targets()) {
            DiscreteStatePolicy policy = policy(target, mdpData, optimal, s.targetSoftening());
            double truth = mdp.evaluate(((TabularPolicy) materialise(policy, mdpData)).matrix());
            TabularFqe fqe = new TabularFqe(data, policy, 1.0, s.priorCount());
            List<OpeResult> results = new ArrayList<>(evaluator.importanceSampling(policy, fqe.fit().qModel()));
            results.add(evaluator.fqe(fqe, policy.name(), s.fqeResamples(), s.seed()));
            reports.add(new PolicyReport(policy.name(), truth, results));
        }
        double total = 0;
        for (var t : data.trajectories()) {
            total += t.discountedReturn(1);
        }
        return new Report(s, mdp.evaluate(behaviour), total / data.size(), data.totalSteps(), reports);
    }

    /** The policy of {@code target}. */
    static DiscreteStatePolicy policy(Target target, IcuSepsisData data, IcuSepsisMdp.Solution optimal,
            double softening) {
        return switch (target) {
            case RANDOM -> TabularPolicy.uniform(data.numStates(), data.numActions());
            case OPTIMAL -> TabularPolicy.deterministic("optimal", optimal.actions(), data.numActions());
            case OPTIMAL_SOFTENED -> new SoftenedPolicy(
                    TabularPolicy.deterministic("optimal", optimal.actions(), data.numActions()), softening);
            case EXPERT -> new TabularPolicy("expert", data.expertPolicy());
        };
    }

    private static DiscreteStatePolicy materialise(DiscreteStatePolicy policy, IcuSepsisData data) {
        if (policy instanceof TabularPolicy t) {
            return t;
        }
        double[][] m = new double[data.numStates()][];
        for (int s = 0; s < data.numStates(); s++) {
            m[s] = IcuSepsisData.isTerminal(s) ? new double[data.numActions()] : policy.probabilities(s);
        }
        return new TabularPolicy(policy.name(), m);
    }

    /**
     * What weighted importance sampling converges to when the behaviour policy never takes some
     * actions the target takes: {@code E_pi[G; every action in the support of b] / P_pi(every action
     * in the support of b)}. Returns {@code {P_pi(support), limit}}; the limit equals the true value
     * only when the probability is 1.
     */
    public static double[] supportLimit(IcuSepsisData data, double[][] behaviour, double[][] target) {
        SparseTransitions p = data.transitions();
        int n = data.numStates();
        double[] gain = new double[n];
        double[] stay = new double[n];
        for (int s = 0; s < n; s++) {
            stay[s] = IcuSepsisData.isTerminal(s) ? 1 : 0;
        }
        for (int sweep = 0; sweep < IcuSepsisMdp.MAX_SWEEPS; sweep++) {
            double delta = 0;
            for (int s = 0; s < n; s++) {
                if (IcuSepsisData.isTerminal(s)) {
                    continue;
                }
                double g = 0;
                double st = 0;
                for (int a = 0; a < p.numActions(); a++) {
                    if (behaviour[s][a] == 0 || target[s][a] == 0) {
                        continue;
                    }
                    g += target[s][a] * p.expectedValue(s, a, gain);
                    st += target[s][a] * (p.expectedValue(s, a, stay) - p.expectedReward(s, a));
                }
                delta = Math.max(delta, Math.max(Math.abs(g - gain[s]), Math.abs(st - stay[s])));
                gain[s] = g;
                stay[s] = st;
            }
            if (delta < 1e-12) {
                break;
            }
        }
        double[] d0 = data.initialDistribution();
        double g0 = 0;
        double s0 = 0;
        for (int s = 0; s < n; s++) {
            g0 += d0[s] * gain[s];
            s0 += d0[s] * stay[s];
        }
        return new double[] {s0, g0 / s0};
    }

    /** Markdown table of a report. */
    public static String markdown(Report r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "ICU-Sepsis-v2, %d episodes (%d steps) of the expert policy softened by %s"
                + " (true value %.4f, mean return %.4f), seed %d, %d resamples (FQE %d), prior count %s%n%n",
                r.settings().episodes(), r.steps(), r.settings().behaviourEpsilon(), r.behaviourValue(), r.meanReturn(),
                r.settings().seed(), r.settings().resamples(), r.settings().fqeResamples(), r.settings().priorCount()));
        b.append("| policy | truth | estimator | estimate | 95% CI | covers | error | ESS | non-zero W | mean W |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (PolicyReport p : r.policies()) {
            for (OpeResult o : p.results()) {
                b.append(String.format(Locale.ROOT, "| %s | %.4f | %s | %.4f | [%.4f, %.4f] | %s | %+.4f | %.1f | %.1f%% | %.3f |%n",
                        p.policy(), p.truth(), o.estimator(), o.estimate(), o.interval().low(), o.interval().high(),
                        o.interval().covers(p.truth()) ? "yes" : "**no**", o.estimate() - p.truth(),
                        o.effectiveSampleSize(), 100 * o.nonZeroWeightShare(), o.meanWeight()));
            }
        }
        return b.toString();
    }

    /** Prints the Markdown table; optional arguments: episodes, behaviour epsilon, seed. */
    public static void main(String[] args) {
        Settings d = Settings.defaults();
        Settings s = new Settings(args.length > 0 ? Integer.parseInt(args[0]) : d.episodes(),
                args.length > 1 ? Double.parseDouble(args[1]) : d.behaviourEpsilon(), d.targetSoftening(),
                args.length > 2 ? Long.parseLong(args[2]) : d.seed(), d.resamples(), d.fqeResamples(), d.priorCount(),
                d.targets());
        System.out.println(markdown(run(s)));
        IcuSepsisData data = IcuSepsisData.load();
        double[][] behaviour = SoftenedPolicy.soften(data.expertPolicy(), s.behaviourEpsilon());
        double[] limit = supportLimit(data, behaviour, data.uniformPolicy());
        System.out.printf(Locale.ROOT, "random policy: P(all actions in the behaviour's support) = %.4f,"
                + " WIS limit %.4f%n", limit[0], limit[1]);
    }
}
