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
        assertThat(run("--policy", "clinician,dqm", "--cohort", cohort.toString(), "--quiet"))
                .isEqualTo(EvaluateCommand.BAD_INPUT);
        assertThat(err.toString()).contains("unknown policy 'dqm'", "ai-clinician", "dqn", "host:port[/model]");
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

    @Test
    void trainsTheDqnOnTheTrainSplitSavesItAndEvaluatesTheSavedModelTheSameWay() throws IOException {
        Path first = dir.resolve("dqn-first");
        assertThat(run("--policy", "dqn", "--cohort", cohort.toString(), "--out", first.toString(), "--bootstrap",
                "20", "--fqe-bootstrap", "10", "--true-episodes", "20", "--dqn-steps", "30", "--quiet"))
                .as(err.toString()).isZero();
        Path saved = first.resolve("dqn.policy");
        assertThat(saved).isRegularFile();
        assertThat(out.toString()).contains("dqn: trained (30 steps", "saved to " + saved);
        String json = Files.readString(first.resolve("report.json"));
        assertThat(json).contains("\"policy\": \"dqn\"", "\"truth\": {\"mean_return\"");
        out.getBuffer().setLength(0);
        Path second = dir.resolve("dqn-second");
        assertThat(run("--policy", "dqn", "--dqn-model", saved.toString(), "--cohort", cohort.toString(), "--out",
                second.toString(), "--bootstrap", "20", "--fqe-bootstrap", "10", "--true-episodes", "20", "--quiet"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("dqn: " + saved).doesNotContain("trained");
        assertThat(Files.readString(second.resolve("report.json"))).isEqualTo(json.replace(first.toString(),
                second.toString()));
    }

    @Test
    void aDqnFileOfAnotherKindIsAClearError() {
        Path file = dir.resolve("not-a-dqn.policy");
        org.icugym.agent.Policies.baseline("random", 12, 25).write(file);
        assertThat(run("--policy", "dqn", "--dqn-model", file.toString(), "--cohort", cohort.toString(), "--quiet"))
                .isEqualTo(EvaluateCommand.BAD_INPUT);
        assertThat(err.toString()).contains("not a dueling-dqn");
    }

    @Test
    void estimatesTheBehaviourByLogisticRegressionWhenAsked() throws IOException {
        Path report = dir.resolve("logistic");
        assertThat(run("--policy", "clinician", "--behaviour", "logistic", "--cohort", cohort.toString(), "--out",
                report.toString(), "--bootstrap", "20", "--fqe-bootstrap", "10", "--true-episodes", "0", "--quiet"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("behaviour: multinomial logistic regression");
        assertThat(Files.readString(report.resolve("report.json"))).contains("\"behaviour\": \"multinomial logistic");
        assertThat(run("--behaviour", "forest", "--cohort", cohort.toString(), "--quiet"))
                .isEqualTo(EvaluateCommand.BAD_INPUT);
        assertThat(err.toString()).contains("--behaviour must be recorded, logistic or knn");
    }

    private int run(String... args) {
        CommandLine cl = new CommandLine(new EvaluateCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
