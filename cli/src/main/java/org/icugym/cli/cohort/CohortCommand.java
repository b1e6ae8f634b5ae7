package org.icugym.cli.cohort;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.cohort.CohortFormatException;
import org.icugym.core.clinical.cohort.CohortGenerator;
import org.icugym.core.clinical.cohort.CohortReader;
import org.icugym.core.clinical.cohort.CohortReport;
import org.icugym.core.clinical.cohort.CohortSplit;
import org.icugym.core.clinical.cohort.CohortStatistics;
import org.icugym.core.clinical.cohort.ImportReport;
import org.icugym.core.clinical.cohort.MimicImporter;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.core.clinical.policy.ClinicianPolicy;
import org.icugym.core.clinical.policy.GuidelinePolicy;
import org.icugym.core.clinical.policy.NoTreatmentPolicy;
import org.icugym.core.clinical.policy.PolicyValue;
import org.icugym.core.clinical.policy.RandomPolicy;
import org.icugym.core.clinical.policy.TreatmentPolicy;
import org.icugym.core.clinical.reward.SepsisReward;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code icugym cohort}: generate, import and report sepsis cohorts, and simulate the true values
 * of the policies behind them (docs/cohort.md).
 *
 * <p>Usable on its own ({@code new CommandLine(new CohortCommand()).execute(args)}) or as a
 * subcommand of the {@code icugym} executable. Exit codes: 0 success, 1 bad input (the message
 * names the file, line and column), 2 usage error, 3 a report check failed under {@code --check}.
 */
@Command(name = "cohort", mixinStandardHelpOptions = true,
        description = "Generate, import and report sepsis cohorts (CSV in AI Clinician column naming).",
        subcommands = {CohortCommand.Generate.class, CohortCommand.Import.class, CohortCommand.Report.class,
            CohortCommand.PolicyValues.class})
public final class CohortCommand implements Runnable {
    /** Exit code of bad input files or arguments. */
    public static final int BAD_INPUT = 1;
    /** Exit code of {@code report --check} when an acceptance check failed. */
    public static final int CHECK_FAILED = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command on its own: {@code java ... org.icugym.cli.cohort.CohortCommand generate --out DIR}. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new CohortCommand()).execute(args));
    }

    /** {@code cohort generate}: simulate stays with the clinician policy and write the splits. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generate a synthetic cohort: train/validation/test CSV.gz files plus hidden latent states.")
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--stays", defaultValue = "20000", description = "number of ICU stays (default ${DEFAULT-VALUE})")
        int stays;

        @Option(names = "--seed", defaultValue = "0", description = "cohort seed (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--out", required = true, description = "output directory (created if needed)")
        Path out;

        @Option(names = "--quiet", description = "no progress bar")
        boolean quiet;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (stays < 1) {
                err.println("error: --stays must be at least 1, got " + stays);
                return BAD_INPUT;
            }
            long start = System.nanoTime();
            CohortGenerator.Result result;
            try {
                if (quiet) {
                    result = CohortGenerator.DEFAULT.write(out, stays, seed, done -> { });
                } else {
                    try (ProgressBar bar = new ProgressBarBuilder().setTaskName("stays").setInitialMax(stays)
                            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build()) {
                        result = CohortGenerator.DEFAULT.write(out, stays, seed, bar::stepTo);
                    }
                }
            } catch (UncheckedIOException e) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "generated %d stays (%d rows, 90-day mortality %.1f %%) in %.1f s into %s%n",
                    result.totalStays(), result.totalRows(), 100.0 * result.deaths() / result.totalStays(), seconds, out);
            for (CohortSplit split : CohortSplit.values()) {
                o.printf(Locale.ROOT, "  %-10s %6d stays %8d rows  %s, %s%n", split.name().toLowerCase(Locale.ROOT),
                        result.stays().get(split), result.rows().get(split), split.fileName(), split.latentFileName());
            }
            o.println("next: icugym cohort report " + out);
            o.flush();
            return 0;
        }
    }

    /** {@code cohort import}: map an AI Clinician-style extraction to the cohort schema. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a MIMIC sepsis extraction in AI Clinician column naming (icustayid, bloc, HR, MeanBP, "
                    + "Arterial_lactate, input_4hourly, max_dose_vaso, mortality_90d, ...) into a cohort directory.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", description = "the extraction (CSV or CSV.gz), sorted by icustayid then bloc")
        Path file;

        @Option(names = "--out", required = true, description = "output cohort directory (created if needed)")
        Path out;

        @Option(names = "--seed", defaultValue = "0", description = "seed of the train/validation/test assignment "
                + "(default ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(file)) {
                err.println("error: " + file + " is not a file; give the path of a CSV or CSV.gz extraction");
                return BAD_INPUT;
            }
            ImportReport report;
            try {
                report = MimicImporter.importTo(file, out, seed);
                Files.write(out.resolve("import-report.txt"), report.lines(), StandardCharsets.UTF_8);
            } catch (CohortFormatException | UncheckedIOException e) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            } catch (IOException e) {
                err.println("error: cannot write " + out.resolve("import-report.txt") + ": " + e.getMessage());
                return BAD_INPUT;
            }
            PrintWriter o = spec.commandLine().getOut();
            report.lines().forEach(o::println);
            o.println("wrote " + out + " (train, validation, test) and " + out.resolve("import-report.txt"));
            o.flush();
            return 0;
        }
    }

    /** {@code cohort policy-values}: true values of the reference policies on the simulator. */
    @Command(name = "policy-values", mixinStandardHelpOptions = true,
            description = "Simulate the guideline, clinician, random and no-treatment policies on the reference "
                    + "simulator (Sepsis-Physiology-v1 semantics) and print their returns and 90-day mortality with "
                    + "95 % confidence intervals.")
    static final class PolicyValues implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--episodes", defaultValue = "10000", description = "episodes per policy (default ${DEFAULT-VALUE})")
        int episodes;

        @Option(names = "--seed", defaultValue = "1000000", description = "seed of the first patient; the same "
                + "patients for every policy (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--reward", defaultValue = "raghu", description = "raghu, terminal_only or terminal_100 "
                + "(default ${DEFAULT-VALUE})")
        String reward;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            SepsisReward r = switch (reward) {
                case "raghu" -> SepsisReward.RAGHU;
                case "terminal_only" -> SepsisReward.TERMINAL_ONLY;
                case "terminal_100" -> SepsisReward.TERMINAL_100;
                default -> null;
            };
            if (r == null || episodes < 2) {
                err.println(r == null ? "error: --reward must be raghu, terminal_only or terminal_100, got " + reward
                        : "error: --episodes must be at least 2, got " + episodes);
                return BAD_INPUT;
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "policy values over %d episodes each (patients of seeds %d..%d, reward %s)%n", episodes,
                    seed, seed + episodes - 1, reward);
            for (TreatmentPolicy p : List.of(GuidelinePolicy.DEFAULT, ClinicianPolicy.DEFAULT, RandomPolicy.DEFAULT,
                    NoTreatmentPolicy.DEFAULT)) {
                o.println(PolicyValue.estimate(p, PhysiologySimulator.DEFAULT, r, ActionGrid.DEFAULT, seed, episodes));
                o.flush();
            }
            return 0;
        }
    }

    /** {@code cohort report}: statistics beside the MIMIC-IV targets, as Markdown and PNG histograms. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Print and write (report.md + PNG histograms) a cohort's feature statistics, action "
                    + "frequencies, mortality and stay lengths beside the MIMIC-IV targets.")
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", description = "a cohort directory (its split files) or one cohort file")
        Path cohort;

        @Option(names = "--out", description = "where to write report.md and the PNGs (default: the cohort directory)")
        Path out;

        @Option(names = "--no-plots", description = "write no PNG histograms")
        boolean noPlots;

        @Option(names = "--check", description = "exit with code 3 if an acceptance check fails")
        boolean check;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            List<Path> files = cohortFiles(cohort);
            if (files.isEmpty()) {
                err.println("error: " + cohort + " holds no cohort files (train.csv.gz, validation.csv.gz, test.csv.gz); "
                        + "run 'icugym cohort generate --out " + cohort + "' first");
                return BAD_INPUT;
            }
            Path dir = out != null ? out : Files.isDirectory(cohort) ? cohort : cohort.toAbsolutePath().getParent();
            try {
                CohortStatistics stats = new CohortStatistics();
                for (Path f : files) {
                    CohortReader.read(f, CohortReader.Mode.COHORT, stats::add);
                }
                Files.createDirectories(dir);
                List<String> images = noPlots ? List.of() : CohortCharts.write(stats, dir);
                CohortReport report = new CohortReport(cohort.toString(), stats);
                String markdown = report.markdown(images);
                Files.writeString(dir.resolve("report.md"), markdown, StandardCharsets.UTF_8);
                PrintWriter o = spec.commandLine().getOut();
                o.print(markdown);
                o.println();
                o.println("wrote " + dir.resolve("report.md") + (images.isEmpty() ? "" : " and " + images.size() + " PNG files"));
                o.flush();
                return check && !report.allPassed() ? CHECK_FAILED : 0;
            } catch (CohortFormatException | UncheckedIOException e) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            } catch (IOException e) {
                err.println("error: cannot write the report to " + dir + ": " + e.getMessage());
                return BAD_INPUT;
            }
        }

        private static List<Path> cohortFiles(Path cohort) {
            List<Path> files = new ArrayList<>();
            if (Files.isRegularFile(cohort)) {
                files.add(cohort);
            } else if (Files.isDirectory(cohort)) {
                for (CohortSplit split : CohortSplit.values()) {
                    Path f = cohort.resolve(split.fileName());
                    if (Files.isRegularFile(f)) {
                        files.add(f);
                    }
                }
            }
            return files;
        }
    }
}
