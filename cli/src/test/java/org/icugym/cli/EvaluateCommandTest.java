package org.icugym.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icugym.core.clinical.cohort.CohortGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {
    @TempDir
    static Path dir;

    static Path cohort;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void generate() {
        cohort = dir.resolve("cohort");
        CohortGenerator.DEFAULT.write(cohort, 300, 7, done -> { });
    }

    @Test
    void evaluatesClinicianNoTreatmentAndAiClinicianWithTrueValues() throws IOException {
        Path report = dir.resolve("report");
        int code = run("--policy", "clinician,no-treatment,ai-clinician", "--cohort", cohort.toString(), "--split",
                "test", "--out", report.toString(), "--bootstrap", "100", "--fqe-bootstrap", "10", "--true-episodes",
                "50", "--quiet");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("clinician", "no-treatment", "ai-clinician", "WDR", "report:");
        String json = Files.readString(report.resolve("report.json"));
        assertThat(json).startsWith("{").endsWith("}\n").contains("\"simulated\": true", "\"WIS\"", "\"WPDIS\"",
                "\"WDR\"", "\"FQE\"", "\"truth\": {\"mean_return\"", "\"g1_adherence\"", "\"ess\"");
        assertThat(json.chars().filter(c -> c == '{').count()).isEqualTo(json.chars().filter(c -> c == '}').count());
        assertThat(json).doesNotContain("NaN", "Infinity");
        String md = Files.readString(report.resolve("report.md"));
        assertThat(md).contains("| policy | WDR | WIS | WPDIS | FQE | ESS (WIS) | true value |", "| ai-clinician |",
                "![Value estimates](values.png)");
        assertThat(Files.readString(report.resolve("report.html"))).contains("<table>", "<img src=\"values.png\"");
        for (String png : new String[] {"values.png", "heatmap-clinicians.png", "heatmap-clinician.png",
                "heatmap-no-treatment.png", "heatmap-ai-clinician.png"}) {
            byte[] bytes = Files.readAllBytes(report.resolve(png));
            assertThat(bytes.length).as(png).isGreaterThan(1000);
            assertThat(bytes[1]).isEqualTo((byte) 'P');
        }
    }

    @Test
    void showsAProgressBarAndWritesNoTruthWhenNoEpisodesAreAsked() throws IOException {
        Path report = dir.resolve("no-truth");
        assertThat(run("--policy", "guideline", "--cohort", cohort.toString(), "--out", report.toString(),
                "--bootstrap", "20", "--fqe-bootstrap", "10", "--true-episodes", "0")).as(err.toString()).isZero();
        assertThat(Files.readString(report.resolve("report.json"))).contains("\"simulated\": false", "\"truth\": null");
        assertThat(Files.readString(report.resolve("report.md"))).contains("| guideline |", "| n/a |");
    }

    @Test
    void missingCohortIsAClearError() {
        assertThat(run("--cohort", dir.resolve("nowhere").toString(), "--quiet")).isEqualTo(EvaluateCommand.BAD_INPUT);
        assertThat(err.toString()).contains("does not exist", "icugym cohort generate");
    }

    @Test
    void unknownPolicyIsAClearError() {
        assertThat(run("--policy", "clinician,dqn", "--cohort", cohort.toString(), "--quiet"))
                .isEqualTo(EvaluateCommand.BAD_INPUT);
        assertThat(err.toString()).contains("unknown policy 'dqn'", "ai-clinician");
    }

    @Test
    void badSplitIsAClearError() {
        assertThat(run("--split", "holdout", "--cohort", cohort.toString(), "--quiet"))
                .isEqualTo(EvaluateCommand.BAD_INPUT);
        assertThat(err.toString()).contains("--split must be train, validation or test");
    }

    @Test
    void missingCohortOptionIsAUsageError() {
        assertThat(run("--policy", "clinician")).isEqualTo(2);
        assertThat(err.toString()).contains("--cohort");
    }

    private int run(String... args) {
        CommandLine cl = new CommandLine(new EvaluateCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
