package org.icugym.cli.worldmodel;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.icugym.core.clinical.cohort.CohortFormatException;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.artifact.WorldModelException;
import org.icugym.worldmodel.cache.DefaultWorldModel;
import org.icugym.worldmodel.data.CohortDirectorySource;
import org.icugym.worldmodel.data.TrainingData;
import org.icugym.worldmodel.model.WorldModelConfig;
import org.icugym.worldmodel.report.CounterfactualFidelity;
import org.icugym.worldmodel.report.FidelityMarkdown;
import org.icugym.worldmodel.report.FidelityReport;
import org.icugym.worldmodel.report.FidelityReporter;
import org.icugym.worldmodel.train.ConsoleTrainingProgress;
import org.icugym.worldmodel.train.TrainConfig;
import org.icugym.worldmodel.train.TrainingProgress;
import org.icugym.worldmodel.train.WorldModelTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code icugym world-model}: train a Clinical World Model on a cohort, report its fidelity on the
 * test split, and build the cached default model (docs/world-model.md).
 *
 * <p>Exit codes: 0 success, 1 bad input (the message says what to do), 2 usage error.
 */
@Command(name = "world-model", mixinStandardHelpOptions = true,
        description = "Train a Clinical World Model, report its fidelity, build the default model.",
        subcommands = {WorldModelCommand.Fit.class, WorldModelCommand.Report.class, WorldModelCommand.BuildDefault.class})
public final class WorldModelCommand implements Runnable {
    /** Exit code of bad input (missing cohort, unreadable or foreign model, bad setting). */
    public static final int BAD_INPUT = 1;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code world-model fit}: train an ensemble on a cohort's train and validation splits. */
    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Train a world model on the train and validation splits of a cohort directory; the test split "
                    + "stays held out. Early stopping on a validation split of the stays; deterministic given --seed.")
    static final class Fit implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--cohort", required = true, description = "cohort directory (icugym cohort generate --out DIR)")
        Path cohort;

        @Option(names = "--out", required = true, description = "model file to write, e.g. world-model.zip")
        Path out;

        @Option(names = "--seed", defaultValue = "0", description = "training seed (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--members", defaultValue = "5", description = "ensemble members (default ${DEFAULT-VALUE})")
        int members;

        @Option(names = "--hidden", defaultValue = "256", description = "units per hidden layer (default ${DEFAULT-VALUE})")
        int hidden;

        @Option(names = "--layers", defaultValue = "2", description = "hidden layers (default ${DEFAULT-VALUE})")
        int layers;

        @Option(names = "--history", defaultValue = "6", description = "steps of history (default ${DEFAULT-VALUE})")
        int history;

        @Option(names = "--architecture", defaultValue = "MLP", description = "MLP or GRU (default ${DEFAULT-VALUE})")
        WorldModelConfig.Architecture architecture;

        @Option(names = "--epochs", defaultValue = "100", description = "most epochs per member (default ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--patience", defaultValue = "8",
                description = "epochs without improvement before stopping (default ${DEFAULT-VALUE})")
        int patience;

        @Option(names = "--early-stopping", defaultValue = "TOTAL",
                description = "validation loss that stops training: TOTAL (all heads) or DYNAMICS (next-feature NLL) "
                        + "(default ${DEFAULT-VALUE})")
        TrainConfig.EarlyStopping earlyStopping;

        @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu0 (default ${DEFAULT-VALUE})")
        String device;

        @Option(names = "--quiet", description = "no progress bar")
        boolean quiet;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            TrainConfig config;
            try {
                config = TrainConfig.defaults().withSeed(seed).withEpochs(epochs, patience).withEarlyStopping(earlyStopping)
                        .withDevice(device).withModel(new WorldModelConfig(architecture, history, hidden, layers, members));
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            return guarded(err, () -> {
                TrainingData data = CohortDirectorySource.of(cohort).load();
                WorldModelArtifact model;
                if (quiet) {
                    model = WorldModelTrainer.fit(data, config, TrainingProgress.NONE);
                } else {
                    try (ConsoleTrainingProgress bar = new ConsoleTrainingProgress(System.err)) {
                        model = WorldModelTrainer.fit(data, config, bar);
                    }
                }
                save(model, out);
                PrintWriter o = spec.commandLine().getOut();
                o.println("trained on " + data.stays().size() + " stays (" + data.transitions() + " transitions): "
                        + model.metrics().summary());
                o.println("wrote " + out);
                o.println("next: icugym world-model report --model " + out + " --cohort " + cohort);
                o.flush();
                return 0;
            });
        }
    }

    /** {@code world-model report}: fidelity of a model on a cohort's test split, Markdown and PNG plots. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Measure a world model on the test split of a cohort: standardized MAE per feature, ventilation "
                    + "and outcome AUROC/AUPRC, rollout error at 1-6 steps, calibration and, for simulator cohorts, "
                    + "counterfactual agreement with the simulator. Writes report.md and PNG plots.")
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true, description = "model file (icugym world-model fit --out FILE)")
        Path model;

        @Option(names = "--cohort", required = true, description = "cohort directory holding test.csv.gz")
        Path cohort;

        @Option(names = "--out", description = "report directory (default: <cohort>/world-model-report)")
        Path out;

        @Option(names = "--cohort-seed", defaultValue = "0",
                description = "seed the cohort was generated with, to restore its patients (default ${DEFAULT-VALUE})")
        long cohortSeed;

        @Option(names = "--no-counterfactual", description = "skip the counterfactual comparison with the simulator")
        boolean noCounterfactual;

        @Option(names = "--states", defaultValue = "300",
                description = "test states for the counterfactual comparison (default ${DEFAULT-VALUE})")
        int states;

        @Option(names = "--draws", defaultValue = "16",
                description = "simulator branches per action and state (default ${DEFAULT-VALUE})")
        int draws;

        @Option(names = "--horizon", defaultValue = "6", description = "longest rollout horizon in steps (default ${DEFAULT-VALUE})")
        int horizon;

        @Option(names = "--seed", defaultValue = "0", description = "seed of the state sample (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu0 (default ${DEFAULT-VALUE})")
        String device;

        @Option(names = "--quiet", description = "no progress bar")
        boolean quiet;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            FidelityReporter.Settings settings;
            try {
                if (horizon < 1) {
                    throw new IllegalArgumentException("--horizon must be at least 1, got " + horizon);
                }
                settings = new FidelityReporter.Settings(noCounterfactual ? null : cohortSeed,
                        new CounterfactualFidelity.Settings(states, draws, seed), horizon, device);
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            Path dir = out != null ? out : cohort.resolve("world-model-report");
            return guarded(err, () -> {
                FidelityReport report;
                if (quiet) {
                    report = FidelityReporter.run(model, cohort, settings, stage -> { });
                } else {
                    try (ProgressBar bar = new ProgressBarBuilder().setTaskName("report").setInitialMax(noCounterfactual ? 3 : 4)
                            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build()) {
                        report = FidelityReporter.run(model, cohort, settings, stage -> {
                            bar.setExtraMessage(stage);
                            bar.step();
                        });
                    }
                }
                List<String> images = write(report, dir);
                PrintWriter o = spec.commandLine().getOut();
                o.printf(Locale.ROOT, "test split: %d stays; one-step MAE %.3f (sample-and-hold %.3f; SepsisAgent %.3f), "
                                + "outcome AUROC %.3f, AUPRC %.3f, rollout MAE at 6 steps %s%n", report.oneStep().stays(),
                        report.oneStep().mae(), report.oneStep().heldMae(), FidelityReport.SEPSIS_AGENT_MAE,
                        report.oneStep().outcomeAuroc(), report.oneStep().outcomeAuprc(),
                        report.rollout().horizons().size() >= 6
                                ? String.format(Locale.ROOT, "%.3f", report.rollout().at(6).mae()) : "n/a");
                if (report.counterfactual() != null) {
                    for (CounterfactualFidelity.Effect e : report.counterfactual().effects()) {
                        o.printf(Locale.ROOT, "counterfactual %s response to %s: sign agreement %.1f %% of %d determined pairs%n",
                                e.outcome(), e.treatment(), 100 * e.agreement(), e.determined());
                    }
                }
                o.println("report: " + dir.resolve("report.md") + " (" + images.size() + " plots)");
                o.flush();
                return 0;
            });
        }

        private static List<String> write(FidelityReport report, Path dir) {
            try {
                Files.createDirectories(dir);
                List<String> images = FidelityCharts.write(report, dir);
                Files.writeString(dir.resolve("report.md"), FidelityMarkdown.render(report, images), StandardCharsets.UTF_8);
                return images;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code world-model build-default}: build (or find) the cached default model. */
    @Command(name = "build-default", mixinStandardHelpOptions = true,
            description = "Build the default world model of Sepsis-WorldModel-v1 (20,000-stay default cohort, seed 0) into "
                    + "the cache ($ICUGYM_CACHE, else ~/.cache/icugym) unless it is already there; prints its path.")
    static final class BuildDefault implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--cache", description = "cache root (default: $ICUGYM_CACHE, else ~/.cache/icugym)")
        Path cache;

        @Option(names = "--quiet", description = "no progress bar")
        boolean quiet;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            DefaultWorldModel recipe = DefaultWorldModel.standard();
            DefaultWorldModel target = cache == null ? recipe
                    : new DefaultWorldModel(cache, recipe.stays(), recipe.cohortSeed(), recipe.config());
            return guarded(err, () -> {
                PrintWriter o = spec.commandLine().getOut();
                if (target.cached().isPresent()) {
                    o.println("cached: " + target.artifactFile());
                    o.flush();
                    return 0;
                }
                long start = System.nanoTime();
                Path file = quiet ? target.build(DefaultWorldModel.Progress.NONE) : buildWithBars(target);
                o.printf(Locale.ROOT, "built in %.0f s: %s%n", (System.nanoTime() - start) / 1e9, file);
                o.println("held-out cohort: " + target.cohortDirectory());
                o.flush();
                return 0;
            });
        }

        private static Path buildWithBars(DefaultWorldModel target) {
            try (ConsoleTrainingProgress training = new ConsoleTrainingProgress(System.err);
                    ProgressBar cohort = new ProgressBarBuilder().setTaskName("cohort").setInitialMax(target.stays())
                            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build()) {
                return target.build(new DefaultWorldModel.Progress() {
                    @Override
                    public void onCohort(long done, int total) {
                        cohort.stepTo(done);
                    }

                    @Override
                    public void onStart(int members, int maxEpochs) {
                        cohort.close();
                        training.onStart(members, maxEpochs);
                    }

                    @Override
                    public void onEpoch(int member, int epoch, double trainLoss, double validationLoss) {
                        training.onEpoch(member, epoch, trainLoss, validationLoss);
                    }

                    @Override
                    public void onMemberDone(int member, int epochs, int bestEpoch) {
                        training.onMemberDone(member, epochs, bestEpoch);
                    }
                });
            }
        }
    }

    /** Runs a job and turns bad input into exit code 1 with the message, never a stack trace. */
    static int guarded(PrintWriter err, Supplier<Integer> job) {
        try {
            return job.get();
        } catch (WorldModelException | IllegalArgumentException | CohortFormatException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
    }

    private static void save(WorldModelArtifact model, Path out) {
        try {
            model.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** Runs the command on its own: {@code java ... org.icugym.cli.worldmodel.WorldModelCommand fit ...}. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new WorldModelCommand()).execute(args));
    }
}
