package org.icugym.worldmodel.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.icugym.worldmodel.model.OutputLayout;

/**
 * The training loss of one world-model member: masked Gaussian negative log-likelihood of the
 * next standardized features plus binary cross-entropy of the ventilation, end-of-stay and death
 * heads.
 *
 * <p>Labels, in order: current features {@code [N×F]} (the residual base of the mean), next
 * features {@code [N×F]}, next-feature masks {@code [N×F]} (only measured values count),
 * ventilation {@code [N]}, end of stay {@code [N]}, death {@code [N]}. Predictions: the raw
 * output rows {@code [N×(2F+3)]}. The Gaussian term is averaged over measured values and
 * includes {@code ½·ln 2π}, so it is a true per-value NLL in nats.
 */
public final class WorldModelLoss extends Loss {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final OutputLayout layout;

    /** The loss for outputs laid out as {@code layout}. */
    public WorldModelLoss(OutputLayout layout) {
        super("world_model_loss");
        this.layout = layout;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray out = predictions.singletonOrThrow();
        NDArray vent = bce(out.get(":, " + layout.ventilationIndex()), labels.get(3));
        NDArray end = bce(out.get(":, " + layout.endIndex()), labels.get(4));
        NDArray death = bce(out.get(":, " + layout.deathIndex()), labels.get(5));
        return dynamicsNll(labels, predictions).add(vent).add(end).add(death);
    }

    /**
     * The Gaussian term alone: NLL per measured next value (nats), the loss of the dynamics head.
     *
     * @param labels as for {@link #evaluate}
     * @param predictions as for {@link #evaluate}
     */
    public NDArray dynamicsNll(NDList labels, NDList predictions) {
        NDArray out = predictions.singletonOrThrow();
        int f = layout.featureCount();
        NDArray mean = out.get(":, 0:" + f).add(labels.get(0));
        NDArray logStd = out.get(":, " + f + ":" + 2 * f).clip(OutputLayout.MIN_LOG_STD, OutputLayout.MAX_LOG_STD);
        NDArray mask = labels.get(2);
        NDArray z = labels.get(1).sub(mean).mul(logStd.neg().exp());
        return z.square().mul(0.5).add(logStd).add(HALF_LOG_TWO_PI).mul(mask).sum().div(mask.sum().maximum(1));
    }

    /** Mean binary cross-entropy of logits {@code x} for 0/1 targets {@code y}, computed stably. */
    static NDArray bce(NDArray x, NDArray y) {
        return x.maximum(0).sub(x.mul(y)).add(x.abs().neg().exp().add(1).log()).mean();
    }
}
