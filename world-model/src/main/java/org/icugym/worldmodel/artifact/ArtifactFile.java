package org.icugym.worldmodel.artifact;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.action.DoseBins;
import org.icugym.worldmodel.data.FeatureLayout;
import org.icugym.worldmodel.data.Standardizer;
import org.icugym.worldmodel.model.WorldModelConfig;
import org.icugym.worldmodel.train.TrainingMetrics;

/**
 * The zip format of a {@link WorldModelArtifact}: {@code manifest.json} (format version, schema,
 * normalisation, action bins, architecture, seed, metrics) and {@code member-K.params}.
 */
final class ArtifactFile {
    static final String MANIFEST = "manifest.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private ArtifactFile() {}

    static void write(WorldModelArtifact artifact, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
            put(zip, MANIFEST, GSON.toJson(manifest(artifact)).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < artifact.memberWeights().size(); i++) {
                put(zip, memberEntry(i), artifact.memberWeights().get(i));
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static WorldModelArtifact read(Path file) {
        Map<String, byte[]> entries = entries(file);
        byte[] manifestBytes = entries.get(MANIFEST);
        if (manifestBytes == null) {
            throw invalid(file, "it has no " + MANIFEST, null);
        }
        try {
            JsonObject m = GSON.fromJson(new String(manifestBytes, StandardCharsets.UTF_8), JsonObject.class);
            int version = m.get("format_version").getAsInt();
            if (version != WorldModelArtifact.FORMAT_VERSION) {
                throw new WorldModelException(WorldModelException.Code.UNSUPPORTED_VERSION, file + " has artifact format "
                        + version + "; this build reads format " + WorldModelArtifact.FORMAT_VERSION
                        + ". Retrain the model with this build or use the release that wrote it");
            }
            WorldModelConfig config = GSON.fromJson(m.get("architecture"), WorldModelConfig.class);
            config = new WorldModelConfig(config.architecture(), config.historyLength(), config.hiddenSize(),
                    config.hiddenLayers(), config.ensembleSize()); // re-run validation
            List<byte[]> weights = new ArrayList<>();
            for (int i = 0; i < config.ensembleSize(); i++) {
                byte[] w = entries.get(memberEntry(i));
                if (w == null) {
                    throw invalid(file, "it lacks " + memberEntry(i) + " of " + config.ensembleSize() + " members", null);
                }
                weights.add(w);
            }
            return new WorldModelArtifact(layout(m.getAsJsonObject("schema")), standardizer(m.getAsJsonObject("normalisation")),
                    actionGrid(m.getAsJsonObject("action_bins")), config, m.get("seed").getAsLong(),
                    GSON.fromJson(m.get("metrics"), TrainingMetrics.class), weights);
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException | NullPointerException
                | UnsupportedOperationException e) {
            throw invalid(file, "its manifest is malformed (" + e.getMessage() + ")", e);
        }
    }

    private static JsonObject manifest(WorldModelArtifact a) {
        JsonObject m = new JsonObject();
        m.addProperty("format_version", WorldModelArtifact.FORMAT_VERSION);
        m.addProperty("kind", "icugym clinical world model");
        JsonObject schema = new JsonObject();
        schema.add("dynamic_features", GSON.toJsonTree(a.layout().dynamicFeatures()));
        schema.add("static_features", GSON.toJsonTree(a.layout().staticFeatures()));
        schema.addProperty("action_count", a.layout().actionCount());
        m.add("schema", schema);
        JsonObject norm = new JsonObject();
        norm.add("means", GSON.toJsonTree(a.standardizer().means()));
        norm.add("sds", GSON.toJsonTree(a.standardizer().sds()));
        m.add("normalisation", norm);
        JsonObject bins = new JsonObject();
        bins.add("fluid", bins(a.actionGrid().fluid()));
        bins.add("vasopressor", bins(a.actionGrid().vasopressor()));
        m.add("action_bins", bins);
        m.add("architecture", GSON.toJsonTree(a.config()));
        m.addProperty("seed", a.seed());
        m.add("metrics", GSON.toJsonTree(a.metrics()));
        return m;
    }

    private static JsonObject bins(DoseBins b) {
        JsonObject o = new JsonObject();
        o.addProperty("drug", b.drug());
        o.addProperty("unit", b.unit());
        o.add("cut_points", GSON.toJsonTree(b.cutPoints()));
        o.add("representative_doses", GSON.toJsonTree(b.representativeDoses()));
        return o;
    }

    private static FeatureLayout layout(JsonObject o) {
        return new FeatureLayout(strings(o.getAsJsonArray("dynamic_features")), strings(o.getAsJsonArray("static_features")),
                o.get("action_count").getAsInt());
    }

    private static Standardizer standardizer(JsonObject o) {
        return new Standardizer(GSON.fromJson(o.get("means"), double[].class), GSON.fromJson(o.get("sds"), double[].class));
    }

    private static ActionGrid actionGrid(JsonObject o) {
        return new ActionGrid(doseBins(o.getAsJsonObject("fluid")), doseBins(o.getAsJsonObject("vasopressor")));
    }

    private static DoseBins doseBins(JsonObject o) {
        return DoseBins.of(o.get("drug").getAsString(), o.get("unit").getAsString(),
                GSON.fromJson(o.get("cut_points"), double[].class), GSON.fromJson(o.get("representative_doses"), double[].class));
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>(array.size());
        for (JsonElement e : array) {
            out.add(e.getAsString());
        }
        return out;
    }

    private static Map<String, byte[]> entries(Path file) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream is = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(is)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                zip.transferTo(bytes);
                entries.put(e.getName(), bytes.toByteArray());
            }
        } catch (NoSuchFileException e) {
            throw invalid(file, "it does not exist", e);
        } catch (IOException e) {
            throw invalid(file, "it cannot be read as a zip (" + e.getMessage() + ")", e);
        }
        if (entries.isEmpty()) {
            throw invalid(file, "it is not a zip file or is empty", null);
        }
        return entries;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    static String memberEntry(int i) {
        return "member-" + i + ".params";
    }

    private static WorldModelException invalid(Path file, String why, Throwable cause) {
        return new WorldModelException(WorldModelException.Code.INVALID_ARTIFACT, "cannot load world model " + file
                + ": " + why + ". Pass a file written by WorldModelArtifact.save (icugym world-model fit --out)", cause);
    }
}
