package org.icugym.trainer.ppo;

import ai.djl.ndarray.NDArray;

/**
 * The PPO losses of CleanRL's {@code ppo.py} as pure functions of DJL arrays, so they are
 * differentiable inside a training step and testable on hand-computed numbers.
 */
public final class PpoLosses {
    /** Added to the standard deviation when normalising advantages. */
    public static final double ADVANTAGE_EPS = 1e-8;

    private PpoLosses() {
    }

    /**
     * Normalises advantages to zero mean and unit (Bessel-corrected, as {@code torch.std}) standard
     * deviation; a minibatch of one is only centred.
     */
    public static NDArray normalizeAdvantages(NDArray advantages) {
        NDArray centred = advantages.sub(advantages.mean());
        long n = advantages.size();
        if (n < 2) {
            return centred;
        }
        NDArray std = centred.square().sum().div((float) (n - 1)).sqrt();
        return centred.div(std.add((float) ADVANTAGE_EPS));
    }

    /**
     * The clipped surrogate policy loss {@code mean(max(-A r, -A clip(r, 1-c, 1+c)))} with
     * {@code r = exp(newLogProb - oldLogProb)}.
     */
    public static NDArray policyLoss(NDArray newLogProb, NDArray oldLogProb, NDArray advantages, double clipCoef) {
        NDArray ratio = newLogProb.sub(oldLogProb).exp();
        NDArray unclipped = advantages.neg().mul(ratio);
        NDArray clipped = advantages.neg().mul(ratio.clip((float) (1 - clipCoef), (float) (1 + clipCoef)));
        return unclipped.maximum(clipped).mean();
    }

    /**
     * The value loss {@code 0.5 mean(max((v - R)^2, (v_old + clip(v - v_old, -c, c) - R)^2))}, or
     * {@code 0.5 mean((v - R)^2)} when {@code clip} is false.
     */
    public static NDArray valueLoss(NDArray newValue, NDArray oldValue, NDArray returns, double clipCoef, boolean clip) {
        NDArray unclipped = newValue.sub(returns).square();
        if (!clip) {
            return unclipped.mean().mul(0.5f);
        }
        NDArray vClipped = oldValue.add(newValue.sub(oldValue).clip((float) -clipCoef, (float) clipCoef));
        NDArray clipped = vClipped.sub(returns).square();
        return unclipped.maximum(clipped).mean().mul(0.5f);
    }

    /** Log-probabilities {@code [B, A]} of a categorical distribution given its logits {@code [B, A]}. */
    public static NDArray logSoftmax(NDArray logits) {
        return logits.logSoftmax(1);
    }

    /** The log-probability {@code [B]} of each taken action (int64 {@code [B]}) under {@code logProbs [B, A]}. */
    public static NDArray actionLogProb(NDArray logProbs, NDArray actions) {
        return logProbs.mul(actions.oneHot((int) logProbs.getShape().get(1)).toType(logProbs.getDataType(), false)).sum(new int[] {1});
    }

    /** The entropy {@code [B]} of each categorical distribution given its log-probabilities {@code [B, A]}. */
    public static NDArray entropy(NDArray logProbs) {
        return logProbs.exp().mul(logProbs).sum(new int[] {1}).neg();
    }

    /** CleanRL's {@code approx_kl}: {@code mean((r - 1) - log r)}, an unbiased low-variance KL estimate. */
    public static double approxKl(NDArray newLogProb, NDArray oldLogProb) {
        NDArray logRatio = newLogProb.sub(oldLogProb);
        return logRatio.exp().sub(1f).sub(logRatio).mean().getFloat();
    }

    /** CleanRL's {@code old_approx_kl}: {@code mean(-log r)}. */
    public static double oldApproxKl(NDArray newLogProb, NDArray oldLogProb) {
        return oldLogProb.sub(newLogProb).mean().getFloat();
    }

    /** The fraction of samples whose ratio left {@code [1 - c, 1 + c]}. */
    public static double clipFraction(NDArray newLogProb, NDArray oldLogProb, double clipCoef) {
        NDArray ratio = newLogProb.sub(oldLogProb).exp();
        return ratio.sub(1f).abs().gt((float) clipCoef).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mean().getFloat();
    }
}
