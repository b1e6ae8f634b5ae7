package org.icugym.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.icugym.core.clinical.cohort.CohortFormatException;
import org.icugym.core.clinical.cohort.CohortSplit;
import org.icugym.evaluation.cohort.CohortEvaluation;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.ope.Estimator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code icugym evaluate}: off-policy evaluation of built-in policies on a cohort split, with the
 * simulated true values when the cohort came from the simulator; writes report.json, report.md,
 * report.html and PNG plots.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate policies on a cohort split (WDR, WIS, WPDIS, FQE with bootstrap CIs, ESS, guideline "
                + "adherence, under/over-dosing, true values for simulator cohorts) and write a report.")
public final class EvaluateCommand implements Callable<Integer> {
    /** Exit code of bad input (missing cohort, unknown policy). */
    public static final int BAD_INPUT = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", split = ",", defaultValue = "clinician,no-treatment,ai-clinician",
            description = "comma-separated built-in policies: clinician, no-treatment, random, guideline, ai-clinician "
                    + "(default ${DEFAULT-VALUE})")
    List<String> policies;

    @Option(names = "--cohort", required = true, description = "cohort directory (icugym cohort generate --out DIR)")
    Path cohort;

    @Option(names = "--split", defaultValue = "test", description = "train, validation or test (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--out", description = "report directory (default: <cohort>/evaluation-<split>)")
    Path out;

    @Option(names = "--bootstrap", defaultValue = "2000", description = "bootstrap resamples (default ${DEFAULT-VALUE})")
    int bootstrap;

    @Option(names = "--fqe-bootstrap", defaultValue = "50", description = "FQE bootstrap refits (default ${DEFAULT-VALUE})")
    int fqeBootstrap;

    @Option(names = "--true-episodes", defaultValue = "2000",
            description = "simulated episodes per true value; 0 for none (default ${DEFAULT-VALUE})")
    int trueEpisodes;

    @Option(names = "--seed", defaultValue = "0", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        CohortSplit s;
        try {
            s = CohortSplit.valueOf(split.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("error: --split must be train, validation or test, got '" + split + "'");
            return BAD_INPUT;
        }
        for (String p : policies) {
            if (!CohortEvaluation.BUILT_IN.contains(p)) {
                err.println("error: unknown policy '" + p + "'; built-in policies are "
                        + String.join(", ", CohortEvaluation.BUILT_IN));
                return BAD_INPUT;
            }
        }
        Path dir = out != null ? out : cohort.resolve("evaluation-" + s.name().toLowerCase(Locale.ROOT));
        long start = System.nanoTime();
        CohortEvaluation.Result result;
        try {
            CohortEvaluation.Settings settings = new CohortEvaluation.Settings(bootstrap, fqeBootstrap, seed, 0.01,
                    trueEpisodes, 200);
            CohortEvaluation evaluation = CohortEvaluation.load(cohort, s, settings);
            List<String> stages = new ArrayList<>();
            if (quiet) {
                result = evaluation.evaluate(policies, stages::add);
            } else {
                int perPolicy = evaluation.simulated() && trueEpisodes > 0 ? 3 : 2;
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("evaluate").setInitialMax(
                        (long) policies.size() * perPolicy + (policies.contains("ai-clinician") ? 1 : 0))
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build()) {
                    result = evaluation.evaluate(policies, stage -> {
                        bar.setExtraMessage(stage);
                        bar.step();
                    });
                }
            }
        } catch (InvalidDatasetException | CohortFormatException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
        List<Path> files;
        try {
            files = EvaluationReport.write(result, dir);
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "evaluated %d policies on %d stays (%d steps) in %.1f s%n", result.results().size(),
                result.stays(), result.steps(), (System.nanoTime() - start) / 1e9);
        for (CohortEvaluation.PolicyResult p : result.results()) {
            o.printf(Locale.ROOT, "  %-13s WDR %8.2f  WIS %8.2f  WPDIS %8.2f  FQE %8.2f  true %s%n", p.policy(),
                    p.estimate(Estimator.WDR).estimate(), p.estimate(Estimator.WIS).estimate(),
                    p.estimate(Estimator.WPDIS).estimate(), p.estimate(Estimator.FQE).estimate(),
                    p.truth() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", p.truth().meanReturn()));
        }
        o.println("report: " + dir.resolve("report.html") + " (" + files.size() + " files)");
        o.flush();
        return 0;
    }
}
