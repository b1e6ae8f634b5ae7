package org.icugym.worldmodel.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.icugym.worldmodel.TinyModels;
import org.icugym.worldmodel.data.FeatureLayout;
import org.icugym.worldmodel.inference.Prediction;
import org.icugym.worldmodel.inference.WorldModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldModelArtifactTest {
    @TempDir
    Path dir;

    @Test
    void saveAndLoadGiveIdenticalPredictions() throws IOException {
        WorldModelArtifact trained = TinyModels.artifact();
        Path file = dir.resolve("models/world-model.zip");
        trained.save(file);
        WorldModelArtifact loaded = WorldModelArtifact.load(file);

        assertThat(loaded.layout()).isEqualTo(trained.layout());
        assertThat(loaded.standardizer()).isEqualTo(trained.standardizer());
        assertThat(loaded.actionGrid().fluid().cutPoints()).containsExactly(trained.actionGrid().fluid().cutPoints());
        assertThat(loaded.config()).isEqualTo(trained.config());
        assertThat(loaded.metrics()).isEqualTo(trained.metrics());
        float[] rows = Rows.first(TinyModels.data(), WorldModel.encodingOf(trained), 16);
        try (WorldModel a = WorldModel.open(trained, "cpu"); WorldModel b = WorldModel.open(loaded, "cpu")) {
            for (int m = 0; m < a.members(); m++) {
                Prediction pa = a.predict(m, rows, 16);
                Prediction pb = b.predict(m, rows, 16);
                assertThat(pb.mean()).containsExactly(pa.mean());
                assertThat(pb.std()).containsExactly(pa.std());
                assertThat(pb.death()).containsExactly(pa.death());
            }
        }
    }

    @Test
    void mismatchedSchemaFailsClearly() throws IOException {
        Path file = dir.resolve("renamed.zip");
        TinyModels.artifact().save(file);
        rewriteManifest(file, json -> json.replace("heart_rate[bpm,STANDARD]", "pulse[bpm,STANDARD]"));

        assertThatThrownBy(() -> WorldModelArtifact.load(file))
                .isInstanceOfSatisfying(WorldModelException.class,
                        e -> assertThat(e.code()).isEqualTo(WorldModelException.Code.SCHEMA_MISMATCH))
                .hasMessageContaining("pulse[bpm,STANDARD]")
                .hasMessageContaining("heart_rate[bpm,STANDARD]")
                .hasMessageContaining("Retrain");
    }

    @Test
    void expectedLayoutWithOtherActionsIsRejected() throws IOException {
        Path file = dir.resolve("model.zip");
        TinyModels.artifact().save(file);
        FeatureLayout other = new FeatureLayout(FeatureLayout.SEPSIS.dynamicFeatures(), FeatureLayout.SEPSIS.staticFeatures(), 9);

        assertThatThrownBy(() -> WorldModelArtifact.load(file, other))
                .isInstanceOfSatisfying(WorldModelException.class,
                        e -> assertThat(e.code()).isEqualTo(WorldModelException.Code.SCHEMA_MISMATCH))
                .hasMessageContaining("actions: model has 25, this build 9");
    }

    @Test
    void otherFormatVersionIsRejected() throws IOException {
        Path file = dir.resolve("future.zip");
        TinyModels.artifact().save(file);
        rewriteManifest(file, json -> json.replace("\"format_version\": 1", "\"format_version\": 99"));

        assertThatThrownBy(() -> WorldModelArtifact.load(file))
                .isInstanceOfSatisfying(WorldModelException.class,
                        e -> assertThat(e.code()).isEqualTo(WorldModelException.Code.UNSUPPORTED_VERSION))
                .hasMessageContaining("format 99");
    }

    @Test
    void missingOrForeignFilesAreInvalidArtifacts() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");
        for (Path file : new Path[] {dir.resolve("absent.zip"), text}) {
            assertThatThrownBy(() -> WorldModelArtifact.load(file))
                    .isInstanceOfSatisfying(WorldModelException.class,
                            e -> assertThat(e.code()).isEqualTo(WorldModelException.Code.INVALID_ARTIFACT))
                    .hasMessageContaining(file.toString());
        }
    }

    private static void rewriteManifest(Path file, UnaryOperator<String> edit) throws IOException {
        Path copy = file.resolveSibling(file.getFileName() + ".edited");
        try (InputStream is = Files.newInputStream(file); ZipInputStream in = new ZipInputStream(is);
                OutputStream os = Files.newOutputStream(copy); ZipOutputStream out = new ZipOutputStream(os)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(ArtifactFile.MANIFEST)) {
                    String json = new String(bytes, StandardCharsets.UTF_8);
                    String edited = edit.apply(json);
                    assertThat(edited).isNotEqualTo(json);
                    bytes = edited.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(copy, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
