package org.icugym.core.clinical.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortRoundTripTest {
    private static List<CohortStay> stays;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        stays = CohortGenerator.DEFAULT.generate(300, 11);
    }

    @Test
    void writeThenReadGivesTheIdenticalCohort() {
        Path file = dir.resolve("cohort.csv.gz");
        CohortWriter.writeAll(file, stays);
        assertThat(CohortReader.readAll(file)).isEqualTo(stays);
    }

    @Test
    void exportThenImportGivesTheIdenticalCohortAndACleanReport() throws IOException {
        Path file = dir.resolve("export.csv");
        CohortWriter.writeAll(file, stays);
        MimicImporter.Imported imported = MimicImporter.read(file);
        assertThat(imported.stays()).isEqualTo(stays);
        assertThat(imported.report().isClean()).isTrue();
        assertThat(imported.report().computedColumns()).isEmpty();
        assertThat(imported.report().stays()).isEqualTo(300);
        Path again = dir.resolve("again.csv");
        CohortWriter.writeAll(again, imported.stays());
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void generationIsDeterministicAndSeedsDiffer() {
        assertThat(CohortGenerator.DEFAULT.generate(30, 11)).isEqualTo(stays.subList(0, 30));
        assertThat(CohortGenerator.DEFAULT.generate(30, 12)).isNotEqualTo(stays.subList(0, 30));
    }

    @Test
    void rowsAreConsistent() {
        for (CohortStay stay : stays) {
            assertThat(stay.length()).isBetween(1, 18);
            for (int k = 0; k < stay.length(); k++) {
                CohortStep step = stay.steps().get(k);
                assertThat(step.bloc()).isEqualTo(k + 1);
                assertThat(ActionGrid.DEFAULT.actionOf(step.dose())).isEqualTo(step.action());
                assertThat(step.behaviourProbability()).isGreaterThan(0).isLessThanOrEqualTo(1);
                assertThat(step.get(SepsisSchema.AGE)).isBetween(18.0, 95.0);
            }
            assertThat(stay.steps().get(0).action()).isNotNull();
        }
        assertThat(stays.stream().filter(CohortStay::diedWithin90Days).count()).isBetween(20L, 90L);
    }

    @Test
    void writeCreatesThreeSplitsWithLatentFiles() throws IOException {
        List<Long> progress = new ArrayList<>();
        CohortGenerator.Result result = CohortGenerator.DEFAULT.write(dir, 200, 3, progress::add);
        assertThat(progress).hasSize(200).endsWith(200L);
        assertThat(result.totalStays()).isEqualTo(200);
        long rows = 0;
        for (CohortSplit split : CohortSplit.values()) {
            assertThat(result.stays().get(split)).isPositive();
            List<CohortStay> read = CohortReader.readAll(dir.resolve(split.fileName()));
            assertThat(read).hasSize(result.stays().get(split));
            rows += read.stream().mapToInt(CohortStay::length).sum();
            assertThat(read).allSatisfy(s -> assertThat(CohortGenerator.splitOf(3, s.stayId())).isEqualTo(split));
            assertThat(Files.size(dir.resolve(split.latentFileName()))).isPositive();
        }
        assertThat(rows).isEqualTo(result.totalRows());
        assertThat(CohortReader.readAll(dir.resolve(CohortSplit.TRAIN.fileName())).get(0))
                .isEqualTo(CohortGenerator.DEFAULT.stay(3, CohortReader.readAll(dir.resolve(CohortSplit.TRAIN.fileName()))
                        .get(0).stayId(), (id, bloc, step, patient) -> { }));
        assertThat(TreatmentAction.COUNT).isEqualTo(25);
    }
}
