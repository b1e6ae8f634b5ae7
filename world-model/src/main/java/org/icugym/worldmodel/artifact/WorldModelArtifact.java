package org.icugym.worldmodel.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.worldmodel.data.FeatureLayout;
import org.icugym.worldmodel.data.Standardizer;
import org.icugym.worldmodel.model.WorldModelConfig;
import org.icugym.worldmodel.train.TrainingMetrics;

/**
 * A trained Clinical World Model as data: the weights of every ensemble member together with
 * everything needed to use them correctly — the feature schema, normalisation statistics,
 * action bins, architecture, format version, seed and training metrics.
 *
 * <p>Stored as one zip file ({@link ArtifactFile}): {@code manifest.json} plus one {@code
 * member-K.params} (DJL parameter format) per member. Holds no native resources; open it for
 * inference with {@link org.icugym.worldmodel.inference.WorldModel#open}.
 *
 * @param layout the feature schema the model reads and predicts
 * @param standardizer normalisation statistics of the training cohort
 * @param actionGrid dose bins of the 25 actions
 * @param config the architecture
 * @param seed the training seed
 * @param metrics validation metrics measured after training
 * @param memberWeights serialized parameters of each member (DJL format), {@code config.ensembleSize()} of them
 */
public record WorldModelArtifact(FeatureLayout layout, Standardizer standardizer, ActionGrid actionGrid,
        WorldModelConfig config, long seed, TrainingMetrics metrics, List<byte[]> memberWeights) {

    /** Format version written by this build; loading requires the same major version. */
    public static final int FORMAT_VERSION = 1;

    /** Validates that there is one weight blob per member. */
    public WorldModelArtifact {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(standardizer, "standardizer");
        Objects.requireNonNull(actionGrid, "actionGrid");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(metrics, "metrics");
        memberWeights = List.copyOf(memberWeights);
        if (memberWeights.size() != config.ensembleSize()) {
            throw new IllegalArgumentException(memberWeights.size() + " member weights for an ensemble of "
                    + config.ensembleSize());
        }
    }

    /**
     * Writes the artifact to one zip file, atomically (a temporary file is moved into place).
     *
     * @param file destination, e.g. {@code world-model.zip}; parent folders are created
     * @throws IOException if it cannot be written
     */
    public void save(Path file) throws IOException {
        ArtifactFile.write(this, file);
    }

    /**
     * Reads an artifact and checks it against this build's schema ({@link FeatureLayout#SEPSIS}).
     *
     * @throws WorldModelException {@code INVALID_ARTIFACT} if unreadable, {@code UNSUPPORTED_VERSION}
     *     for another format version, {@code SCHEMA_MISMATCH} if trained on other features
     */
    public static WorldModelArtifact load(Path file) {
        return load(file, FeatureLayout.SEPSIS);
    }

    /**
     * Reads an artifact and checks it against an expected schema.
     *
     * @param file the artifact written by {@link #save}
     * @param expected the layout the caller will feed the model
     * @throws WorldModelException as for {@link #load(Path)}
     */
    public static WorldModelArtifact load(Path file, FeatureLayout expected) {
        WorldModelArtifact artifact = ArtifactFile.read(file);
        expected.requireCompatible(artifact.layout());
        return artifact;
    }
}
