package org.icugym.evaluation.validation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.icugym.evaluation.ope.Estimator;
import org.icugym.evaluation.ope.OpeResult;

/**
 * How often the bootstrap intervals cover the truth: repeats {@link IcuSepsisValidation} on
 * independent datasets (seeds {@code seed}, {@code seed + 1}, ...) and reports, per policy and
 * estimator, the coverage, bias, root-mean-square error, mean interval width and mean effective
 * sample size. Nominal coverage is 95 %; with R repetitions the coverage itself has a standard
 * error of about {@code sqrt(0.95 * 0.05 / R)}.
 */
public final class CoverageStudy {
    /**
     * The summary of one estimator for one policy over the repetitions.
     *
     * @param policy policy name
     * @param estimator the estimator
     * @param truth the policy's true value
     * @param repetitions datasets with a defined estimate
     * @param coverage share of intervals containing the truth
     * @param bias mean estimate minus truth
     * @param rmse root-mean-square error
     * @param meanWidth mean interval width
     * @param meanEss mean effective sample size
     */
    public record Row(String policy, Estimator estimator, double truth, int repetitions, double coverage, double bias,
            double rmse, double meanWidth, double meanEss) {
    }

    private CoverageStudy() {
    }

    /** Runs {@code repetitions} validations with {@code settings}, changing only the seed. */
    public static List<Row> run(IcuSepsisValidation.Settings settings, int repetitions) {
        return run(settings, repetitions, rows -> { });
    }

    /**
     * As {@link #run(IcuSepsisValidation.Settings, int)}, handing the summary so far to
     * {@code progress} after every repetition (so that a long study can be stopped early).
     */
    public static List<Row> run(IcuSepsisValidation.Settings settings, int repetitions,
            java.util.function.Consumer<List<Row>> progress) {
        Map<String, Map<Estimator, List<double[]>>> samples = new java.util.LinkedHashMap<>();
        Map<String, Double> truths = new java.util.HashMap<>();
        for (int r = 0; r < repetitions; r++) {
            IcuSepsisValidation.Settings s = new IcuSepsisValidation.Settings(settings.episodes(),
                    settings.behaviourEpsilon(), settings.targetSoftening(), settings.seed() + r, settings.resamples(),
                    settings.fqeResamples(), settings.priorCount(), settings.targets());
            for (IcuSepsisValidation.PolicyReport p : IcuSepsisValidation.run(s).policies()) {
                truths.put(p.policy(), p.truth());
                for (OpeResult o : p.results()) {
                    samples.computeIfAbsent(p.policy(), k -> new EnumMap<>(Estimator.class))
                            .computeIfAbsent(o.estimator(), k -> new ArrayList<>())
                            .add(new double[] {o.estimate(), o.interval().low(), o.interval().high(),
                                o.effectiveSampleSize()});
                }
            }
            progress.accept(summarise(samples, truths));
        }
        return summarise(samples, truths);
    }

    private static List<Row> summarise(Map<String, Map<Estimator, List<double[]>>> samples,
            Map<String, Double> truths) {
        List<Row> rows = new ArrayList<>();
        samples.forEach((policy, byEstimator) -> byEstimator.forEach((estimator, list) ->
                rows.add(row(policy, estimator, truths.get(policy), list))));
        return rows;
    }

    private static Row row(String policy, Estimator estimator, double truth, List<double[]> list) {
        int n = 0;
        double covered = 0;
        double error = 0;
        double squared = 0;
        double width = 0;
        double ess = 0;
        for (double[] x : list) {
            if (Double.isNaN(x[0]) || Double.isNaN(x[1])) {
                continue;
            }
            n++;
            covered += x[1] <= truth && truth <= x[2] ? 1 : 0;
            error += x[0] - truth;
            squared += (x[0] - truth) * (x[0] - truth);
            width += x[2] - x[1];
            ess += x[3];
        }
        return new Row(policy, estimator, truth, n, covered / n, error / n, Math.sqrt(squared / n), width / n, ess / n);
    }

    /** Markdown table of the rows. */
    public static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder(
                "| policy | truth | estimator | datasets | coverage | bias | RMSE | mean CI width | mean ESS |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %.4f | %s | %d | %.0f%% | %+.4f | %.4f | %.4f | %.1f |%n",
                    r.policy(), r.truth(), r.estimator(), r.repetitions(), 100 * r.coverage(), r.bias(), r.rmse(),
                    r.meanWidth(), r.meanEss()));
        }
        return b.toString();
    }

    /**
     * Arguments: repetitions (default 20), episodes (20,000), behaviour epsilon (0.1), resamples
     * (1,000), FQE resamples (50), first seed (1000). Prints the table after every repetition. Evaluates the random and softened optimal policies.
     */
    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        IcuSepsisValidation.Settings s = new IcuSepsisValidation.Settings(
                args.length > 1 ? Integer.parseInt(args[1]) : 20_000,
                args.length > 2 ? Double.parseDouble(args[2]) : 0.1, 0.1,
                args.length > 5 ? Long.parseLong(args[5]) : 1000,
                args.length > 3 ? Integer.parseInt(args[3]) : 1000,
                args.length > 4 ? Integer.parseInt(args[4]) : 50,
                org.icugym.evaluation.qmodel.TabularFqe.DEFAULT_PRIOR_COUNT,
                List.of(IcuSepsisValidation.Target.RANDOM, IcuSepsisValidation.Target.OPTIMAL_SOFTENED));
        System.out.println(markdown(run(s, repetitions, rows -> {
            System.out.println(markdown(rows));
            System.out.flush();
        })));
    }
}
