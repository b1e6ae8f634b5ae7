package org.icugym.cli.worldmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icugym.core.clinical.cohort.CohortGenerator;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.data.FeatureLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WorldModelCommandTest {
    private static final String[] TINY = {"--members", "2", "--hidden", "16", "--layers", "1", "--epochs", "2",
        "--patience", "1", "--quiet"};

    @TempDir
    static Path dir;

    private static Path cohort;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void generateACohort() {
        cohort = dir.resolve("cohort");
        CohortGenerator.DEFAULT.write(cohort, 150, 4, done -> { });
    }

    @Test
    void fitThenReportWritesTheModelTheMarkdownAndThePlots() throws IOException {
        Path model = dir.resolve("model.zip");
        assertThat(fit("--cohort", cohort.toString(), "--out", model.toString(), "--seed", "3")).as(err.toString()).isZero();
        assertThat(model).isRegularFile();
        assertThat(out.toString()).contains("trained on", "wrote " + model, "icugym world-model report");

        Path report = dir.resolve("report");
        assertThat(run("report", "--model", model.toString(), "--cohort", cohort.toString(), "--cohort-seed", "4",
                "--states", "4", "--draws", "3", "--out", report.toString(), "--quiet")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("one-step MAE", "SepsisAgent 0.316", "counterfactual MAP response to vasopressor");
        String md = Files.readString(report.resolve("report.md"));
        assertThat(md).contains("# World-model fidelity report", "## Summary (test split)", "## Multi-step rollouts",
                "rollout MAE at 6 steps", "## Calibration", "## Counterfactual fidelity (reference simulator)",
                "| meanbp |", "![feature_mae.png](feature_mae.png)");
        for (String png : List.of("feature_mae.png", "rollout_mae.png", "outcome_calibration.png",
                "counterfactual_agreement.png")) {
            byte[] bytes = Files.readAllBytes(report.resolve(png));
            assertThat(bytes.length).as(png).isGreaterThan(1000);
            assertThat(bytes[1]).isEqualTo((byte) 'P');
        }
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        Path a = dir.resolve("a.zip");
        Path b = dir.resolve("b.zip");
        assertThat(fit("--cohort", cohort.toString(), "--out", a.toString(), "--seed", "9")).isZero();
        assertThat(fit("--cohort", cohort.toString(), "--out", b.toString(), "--seed", "9")).isZero();
        assertThat(WorldModelArtifact.load(b).metrics().withoutTiming())
                .isEqualTo(WorldModelArtifact.load(a).metrics().withoutTiming());
    }

    @Test
    void aMissingCohortIsAClearError() {
        assertThat(fit("--cohort", dir.resolve("nowhere").toString(), "--out", dir.resolve("x.zip").toString()))
                .isEqualTo(WorldModelCommand.BAD_INPUT);
        assertThat(err.toString()).contains("error: no cohort file", "train.csv.gz", "icugym cohort generate");
        assertThat(dir.resolve("x.zip")).doesNotExist();
    }

    @Test
    void badSettingsAreClearErrors() {
        assertThat(run("fit", "--cohort", cohort.toString(), "--out", dir.resolve("y.zip").toString(), "--members", "0"))
                .isEqualTo(WorldModelCommand.BAD_INPUT);
        assertThat(err.toString()).contains("ensembleSize must be >= 1");
        assertThat(run("fit", "--cohort", cohort.toString(), "--out", "z.zip", "--early-stopping", "sometimes"))
                .isEqualTo(2);
        assertThat(run("report", "--model", "m.zip", "--cohort", cohort.toString(), "--draws", "1"))
                .isEqualTo(WorldModelCommand.BAD_INPUT);
        assertThat(err.toString()).contains("2 draws");
    }

    @Test
    void aModelOfAnotherSchemaOrNoModelAtAllIsAClearError() throws IOException {
        Path model = dir.resolve("schema.zip");
        assertThat(fit("--cohort", cohort.toString(), "--out", model.toString())).isZero();
        WorldModelArtifact trained = WorldModelArtifact.load(model);
        List<String> renamed = new java.util.ArrayList<>(FeatureLayout.SEPSIS.dynamicFeatures());
        renamed.set(0, "pulse[bpm,STANDARD]");
        Path foreign = dir.resolve("foreign.zip");
        new WorldModelArtifact(new FeatureLayout(renamed, FeatureLayout.SEPSIS.staticFeatures(), 25),
                trained.standardizer(), trained.actionGrid(), trained.config(), trained.seed(), trained.metrics(),
                trained.memberWeights()).save(foreign);

        assertThat(run("report", "--model", foreign.toString(), "--cohort", cohort.toString(), "--quiet"))
                .isEqualTo(WorldModelCommand.BAD_INPUT);
        assertThat(err.toString()).contains("SCHEMA_MISMATCH", "pulse", "Retrain");

        assertThat(run("report", "--model", dir.resolve("absent.zip").toString(), "--cohort", cohort.toString(), "--quiet"))
                .isEqualTo(WorldModelCommand.BAD_INPUT);
        assertThat(err.toString()).contains("INVALID_ARTIFACT");
    }

    private int fit(String... args) {
        String[] all = new String[args.length + TINY.length + 1];
        all[0] = "fit";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(TINY, 0, all, 1 + args.length, TINY.length);
        return run(all);
    }

    private int run(String... args) {
        CommandLine cl = new CommandLine(new WorldModelCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
