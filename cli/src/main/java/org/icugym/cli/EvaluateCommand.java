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
import org.icugym.agent.PolicyException;
import org.icugym.evaluation.cohort.CohortEvaluation;
import org.icugym.evaluation.cohort.TargetPolicy;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.ope.Estimator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code icugym evaluate}: off-policy evaluation of built-in policies, the offline dueling double
 * DQN and policies served by {@code icugym serve-policy} on a cohort split, with the simulated true
 * values when the cohort came from the simulator; writes report.json, report.md, report.html and
 * PNG plots.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate built-in policies, the DQN baseline or served policies on a cohort split (WDR, WIS, WPDIS, FQE with bootstrap CIs, ESS, guideline "
                + "adherence, under/over-dosing, true values for simulator cohorts) and write a report.")
public final class EvaluateCommand implements Callable<Integer> {
    /** Exit code of bad input (missing cohort, unknown policy). */
    public static final int BAD_INPUT = 1;

    /** Softening of deterministic target policies. */
    private static final double EPSILON = 0.01;
    private static final String DQN = "dqn";

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", split = ",", defaultValue = "clinician,no-treatment,ai-clinician",
            description = "comma-separated policies: clinician, no-treatment, random, guideline, ai-clinician, dqn "
                    + "(dueling double DQN trained on the train split), or a policy server host:port[/model] "
                    + "(default ${DEFAULT-VALUE})")
    List<String> policies;

    @Option(names = "--behaviour", defaultValue = "recorded",
            description = "behaviour probabilities: recorded (the cohort's behaviour_prob), logistic (multinomial "
                    + "logistic regression on the features) or knn (50 nearest steps) (default ${DEFAULT-VALUE})")
    String behaviour;

    @Option(names = "--behaviour-epsilon", defaultValue = "0.01",
            description = "softening of an estimated behaviour model, in [0, 1) (default ${DEFAULT-VALUE})")
    double behaviourEpsilon;

    @Option(names = "--dqn-model", description = "DQN weights file: loaded when it exists, else written after "
            + "training (default: train and write <out>/dqn.policy)")
    Path dqnModel;

    @Option(names = "--dqn-steps", defaultValue = "10000",
            description = "DQN gradient steps when training (default ${DEFAULT-VALUE})")
    int dqnSteps;

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
            if (!CohortEvaluation.BUILT_IN.contains(p) && !DQN.equals(p) && !RemotePolicyTarget.isAddress(p)) {
                err.println("error: unknown policy '" + p + "'; policies are " + String.join(", ",
                        CohortEvaluation.BUILT_IN) + ", " + DQN + " or a policy server host:port[/model]");
                return BAD_INPUT;
            }
        }
        CohortEvaluation.Behaviour b;
        try {
            b = CohortEvaluation.Behaviour.valueOf(behaviour.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("error: --behaviour must be recorded, logistic or knn, got '" + behaviour + "'");
            return BAD_INPUT;
        }
        if (dqnSteps < 1) {
            err.println("error: --dqn-steps must be at least 1, got " + dqnSteps);
            return BAD_INPUT;
        }
        Path dir = out != null ? out : cohort.resolve("evaluation-" + s.name().toLowerCase(Locale.ROOT));
        long start = System.nanoTime();
        CohortEvaluation.Result result;
        List<AutoCloseable> open = new ArrayList<>();
        String dqnSource = null;
        try {
            CohortEvaluation.Settings settings = new CohortEvaluation.Settings(bootstrap, fqeBootstrap, seed, EPSILON,
                    trueEpisodes, 200, b, behaviourEpsilon);
            CohortEvaluation evaluation = CohortEvaluation.load(cohort, s, settings);
            List<String> stages = new ArrayList<>();
            int perPolicy = evaluation.simulated() && trueEpisodes > 0 ? 3 : 2;
            long max = (long) policies.size() * perPolicy + (policies.contains("ai-clinician") ? 1 : 0)
                    + (policies.contains(DQN) ? 1 : 0) + (b == CohortEvaluation.Behaviour.RECORDED ? 0 : 1);
            try (ProgressBar bar = quiet ? null : new ProgressBarBuilder().setTaskName("evaluate").setInitialMax(max)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build()) {
                java.util.function.Consumer<String> progress = bar == null ? stages::add : stage -> {
                    bar.setExtraMessage(stage);
                    bar.step();
                };
                List<TargetPolicy> targets = new ArrayList<>();
                for (String p : policies) {
                    if (DQN.equals(p)) {
                        DqnBaseline.Loaded dqn = DqnBaseline.fitOrLoad(evaluation, dqnModel, dir.resolve("dqn.policy"),
                                dqnSteps, seed, EPSILON, progress);
                        open.add(dqn.policy());
                        dqnSource = dqn.source();
                        targets.add(dqn.target());
                    } else if (RemotePolicyTarget.isAddress(p)) {
                        RemotePolicyTarget remote = RemotePolicyTarget.connect(p, EPSILON);
                        open.add(remote);
                        targets.add(remote);
                    } else {
                        targets.add(evaluation.builtIn(p, progress));
                    }
                }
                result = evaluation.evaluateTargets(targets, progress);
            }
        } catch (InvalidDatasetException | CohortFormatException | UncheckedIOException | PolicyException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } finally {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a client or native memory at exit; nothing to recover
                }
            }
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
            o.printf(Locale.ROOT, "  %-16s WDR %8.2f  WIS %8.2f  WPDIS %8.2f  FQE %8.2f  true %s%n", p.policy(),
                    p.estimate(Estimator.WDR).estimate(), p.estimate(Estimator.WIS).estimate(),
                    p.estimate(Estimator.WPDIS).estimate(), p.estimate(Estimator.FQE).estimate(),
                    p.truth() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", p.truth().meanReturn()));
        }
        o.println("behaviour: " + result.behaviour());
        if (dqnSource != null) {
            o.println("dqn: " + dqnSource);
        }
        o.println("report: " + dir.resolve("report.html") + " (" + files.size() + " files)");
        o.flush();
        return 0;
    }
}
