package org.icugym.cli.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icugym.core.clinical.cohort.CohortReader;
import org.icugym.core.clinical.cohort.CohortSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CohortCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void generateThenReportWritesSplitsMarkdownAndHistograms() throws IOException {
        Path cohort = dir.resolve("cohort");
        assertThat(run("generate", "--stays", "400", "--seed", "0", "--out", cohort.toString(), "--quiet")).isZero();
        assertThat(out.toString()).contains("generated 400 stays", "train", "validation", "test");
        for (CohortSplit split : CohortSplit.values()) {
            assertThat(cohort.resolve(split.fileName())).isRegularFile();
            assertThat(cohort.resolve(split.latentFileName())).isRegularFile();
        }
        assertThat(run("report", cohort.toString())).isZero();
        assertThat(out.toString()).contains("# Cohort report:", "| meanbp | mmHg |", "90-day mortality", "vasopressor bin 0");
        assertThat(cohort.resolve("report.md")).isRegularFile();
        assertThat(Files.readString(cohort.resolve("report.md"))).contains("![hist_lactate.png](hist_lactate.png)");
        for (String png : List.of("hist_heart_rate.png", "hist_charlson_index.png", "stay_lengths.png", "actions.png")) {
            byte[] bytes = Files.readAllBytes(cohort.resolve(png));
            assertThat(bytes.length).as(png).isGreaterThan(1000);
            assertThat(bytes[1]).isEqualTo((byte) 'P'); // PNG signature \x89PNG
        }
    }

    @Test
    void generateShowsAProgressBarUnlessQuiet() {
        assertThat(run("generate", "--stays", "30", "--out", dir.resolve("bar").toString())).isZero();
        assertThat(run("generate", "--stays", "0", "--out", dir.resolve("none").toString())).isEqualTo(CohortCommand.BAD_INPUT);
        assertThat(err.toString()).contains("--stays must be at least 1");
    }

    @Test
    void importOfAnExportedCohortIsCleanAndIdentical() {
        Path cohort = dir.resolve("generated");
        assertThat(run("generate", "--stays", "100", "--out", cohort.toString(), "--quiet")).isZero();
        Path train = cohort.resolve(CohortSplit.TRAIN.fileName());
        Path imported = dir.resolve("imported");
        assertThat(run("import", train.toString(), "--out", imported.toString())).isZero();
        assertThat(out.toString()).contains("unmapped columns (ignored): none", "out-of-range values: none");
        assertThat(imported.resolve("import-report.txt")).isRegularFile();
        long stays = 0;
        for (CohortSplit split : CohortSplit.values()) {
            stays += CohortReader.readAll(imported.resolve(split.fileName())).size();
        }
        assertThat(stays).isEqualTo(CohortReader.readAll(train).size());
    }

    @Test
    void malformedImportNamesFileLineAndColumn() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.write(file, List.of("icustayid,bloc,HR,input_4hourly,max_dose_vaso,mortality_90d", "1,1,80,0,0,0",
                "1,2,eighty,0,0,0"));
        assertThat(run("import", file.toString(), "--out", dir.resolve("x").toString())).isEqualTo(CohortCommand.BAD_INPUT);
        assertThat(err.toString()).contains("error: " + file + ":3:3 (HR): cannot parse 'eighty' as a number");
    }

    @Test
    void reportOfAnEmptyDirectoryExplainsWhatToDo() {
        assertThat(run("report", dir.toString())).isEqualTo(CohortCommand.BAD_INPUT);
        assertThat(err.toString()).contains("holds no cohort files", "icugym cohort generate");
    }

    @Test
    void policyValuesRankNoTreatmentBelowTheClinician() {
        assertThat(run("policy-values", "--episodes", "300", "--seed", "0")).isZero();
        assertThat(out.toString()).contains("policy values over 300 episodes", "guideline: return ", "clinician: return ",
                "random: return ", "no treatment: return ", "(n = 300)");
        assertThat(run("policy-values", "--reward", "dense")).isEqualTo(CohortCommand.BAD_INPUT);
        assertThat(err.toString()).contains("--reward must be raghu, terminal_only or terminal_100");
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cmd = new CommandLine(new CohortCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }
}
