package org.icugym.worldmodel.env;

import java.util.Objects;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.safety.SafetyEvaluator;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.inference.WorldModel;
import org.icugym.worldmodel.model.InputEncoding;

/**
 * Everything the {@code Sepsis-WorldModel-v1} environments of one server share: the model's
 * encoding and statistics, the held-out stays patients start from, the predictor that runs the
 * forward passes, and the clinical rules. Immutable; thread-safe as long as the predictor is.
 */
public final class WorldModelEnvironment {
    private final WorldModelArtifact artifact;
    private final HeldOutStays heldOut;
    private final BatchPredictor predictor;
    private final InputEncoding encoding;
    private final TrackObservation observation;
    private final SafetyEvaluator safety;

    /**
     * @param artifact the trained model (its statistics, action bins and ensemble size)
     * @param heldOut the stays patients start from, standardized with the artifact's statistics
     * @param predictor where forward passes run
     */
    public WorldModelEnvironment(WorldModelArtifact artifact, HeldOutStays heldOut, BatchPredictor predictor) {
        this.artifact = Objects.requireNonNull(artifact, "artifact");
        this.heldOut = Objects.requireNonNull(heldOut, "heldOut");
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        this.encoding = WorldModel.encodingOf(artifact);
        this.observation = new TrackObservation(artifact.standardizer(), artifact.actionGrid());
        this.safety = SafetyEvaluator.DEFAULT;
        if (heldOut.measurementRate().length != encoding.featureCount()) {
            throw new IllegalArgumentException("held-out stays have " + heldOut.measurementRate().length
                    + " dynamic features; the model has " + encoding.featureCount());
        }
    }

    /** The trained model. */
    public WorldModelArtifact artifact() {
        return artifact;
    }

    /** The stays patients start from. */
    public HeldOutStays heldOut() {
        return heldOut;
    }

    /** Where forward passes run. */
    public BatchPredictor predictor() {
        return predictor;
    }

    /** The model's input encoding. */
    public InputEncoding encoding() {
        return encoding;
    }

    /** Ensemble size. */
    public int members() {
        return artifact.config().ensembleSize();
    }

    /** The action bins of the model. */
    public ActionGrid grid() {
        return artifact.actionGrid();
    }

    /** The safety rules (G1, G2, hazards A-D) and cost channel. */
    public SafetyEvaluator safety() {
        return safety;
    }

    TrackObservation observation() {
        return observation;
    }
}
