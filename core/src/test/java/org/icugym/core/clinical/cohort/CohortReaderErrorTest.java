package org.icugym.core.clinical.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortReaderErrorTest {
    private static final String HEADER = "icustayid,bloc,HR,MeanBP,FiO2_1,Arterial_lactate,input_4hourly,max_dose_vaso,"
            + "elixhauser,mortality_90d";

    @TempDir
    Path dir;

    @Test
    void importsAnAiClinicianStyleExtractionAndReportsWhatItMapped() throws IOException {
        Path file = write("mimic.csv", HEADER,
                "200001,1,88,72,0.5,2.1,250,0,3,0",
                "200001,2,400,66,,1.8,0,0.1,3,0",
                "200001,4,90,70,0.4,,40,0.3,3,0",
                "200002,1,101,58,,4.2,600,0.5,1,1");
        MimicImporter.Imported imported = MimicImporter.read(file);
        ImportReport report = imported.report();
        assertThat(imported.stays()).hasSize(2);
        assertThat(report.rows()).isEqualTo(4);
        assertThat(report.unmappedColumns()).containsExactly("elixhauser");
        assertThat(report.absentFeatures()).contains("SysBP", "Creatinine", "mechvent").doesNotContain("HR");
        assertThat(report.computedColumns()).contains("SOFA", "fluid_bin", "vaso_bin", "input_total");
        assertThat(report.outOfRange()).containsOnlyKeys("HR");
        assertThat(report.outOfRange().get("HR").firstLine()).isEqualTo(3);
        assertThat(String.join("\n", report.lines())).contains("out-of-range HR: 1 values outside [0.0, 250.0]");

        CohortStay first = imported.stays().get(0);
        assertThat(first.steps().get(0).get(SepsisSchema.FIO2)).isEqualTo(50.0);
        assertThat(first.steps().get(1).get(SepsisSchema.HEART_RATE)).isNaN();
        assertThat(first.steps().get(0).action().fluidBin()).isEqualTo(3);
        assertThat(first.steps().get(2).action().vasopressorBin()).isEqualTo(3);
        assertThat(first.steps().get(2).inputTotalMl()).isEqualTo(250.0);
        assertThat(first.steps().get(0).behaviourProbability()).isNaN();
        assertThat(imported.stays().get(1).diedWithin90Days()).isTrue();
    }

    @Test
    void missingRequiredColumnNamesTheColumn() throws IOException {
        Path file = write("no-vaso.csv", "icustayid,bloc,HR,input_4hourly,mortality_90d", "1,1,80,0,0");
        assertThatThrownBy(() -> MimicImporter.read(file)).isInstanceOf(CohortFormatException.class)
                .hasMessage(file + ":1: missing column max_dose_vaso; add it to the header (see docs/cohort.md for the "
                        + "column list)");
    }

    @Test
    void unparsableNumberNamesFileLineAndColumn() throws IOException {
        Path file = write("bad.csv", HEADER, "1,1,88,72,0.5,2.1,250,0,3,0", "1,2,88,7O,0.5,2.1,250,0,3,0");
        assertThatThrownBy(() -> MimicImporter.read(file)).isInstanceOfSatisfying(CohortFormatException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(file + ":3:4 (MeanBP): cannot parse '7O' as a number; write numbers "
                    + "with a '.' decimal point and leave missing values empty");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo("MeanBP");
        });
    }

    @Test
    void nonMonotonicStepsAreRejected() throws IOException {
        Path file = write("order.csv", HEADER, "1,1,88,72,0.5,2.1,250,0,3,0", "1,3,88,72,0.5,2.1,250,0,3,0",
                "1,2,88,72,0.5,2.1,250,0,3,0");
        assertThatThrownBy(() -> MimicImporter.read(file)).isInstanceOf(CohortFormatException.class)
                .hasMessageStartingWith(file + ":4:2 (bloc): bloc 2 follows bloc 3 in stay 1; steps must increase");
    }

    @Test
    void interleavedStaysAreRejected() throws IOException {
        Path file = write("interleaved.csv", HEADER, "1,1,88,72,0.5,2.1,250,0,3,0", "2,1,88,72,0.5,2.1,250,0,3,0",
                "1,2,88,72,0.5,2.1,250,0,3,0");
        assertThatThrownBy(() -> MimicImporter.read(file)).isInstanceOf(CohortFormatException.class)
                .hasMessage(file + ":4:1 (icustayid): rows of stay 1 are not contiguous; sort the file by icustayid, "
                        + "then bloc");
    }

    @Test
    void wrongFieldCountAndChangingOutcomeAreRejected() throws IOException {
        Path short1 = write("short.csv", HEADER, "1,1,88,72,0.5,2.1,250,0,3");
        assertThatThrownBy(() -> MimicImporter.read(short1)).hasMessageStartingWith(short1 + ":2: expected 10 fields");
        Path outcome = write("outcome.csv", HEADER, "1,1,88,72,0.5,2.1,250,0,3,0", "1,2,88,72,0.5,2.1,250,0,3,1");
        assertThatThrownBy(() -> MimicImporter.read(outcome))
                .hasMessageStartingWith(outcome + ":3:10 (mortality_90d): mortality_90d changes within stay 1");
        Path negative = write("negative.csv", HEADER, "1,1,88,72,0.5,2.1,-5,0,3,0");
        assertThatThrownBy(() -> MimicImporter.read(negative))
                .hasMessage(negative + ":2:7 (input_4hourly): dose -5 must be finite and >= 0");
    }

    @Test
    void cohortModeRequiresEveryColumnAndRejectsUnknownOnes() throws IOException {
        Path file = write("partial.csv", HEADER, "1,1,88,72,0.5,2.1,250,0,3,0");
        assertThatThrownBy(() -> CohortReader.readAll(file)).isInstanceOf(CohortFormatException.class)
                .hasMessageContaining(file + ":1:9 (elixhauser): unknown column elixhauser");
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, List.of(lines));
        return file;
    }
}
