package org.icugym.trainer.ppo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.icugym.core.random.Rng;

/**
 * The learner's side of PPO, as in CleanRL's {@code ppo.py}: GAE over a rollout, then
 * {@code updateEpochs} passes of shuffled minibatches with the clipped surrogate, the (clipped)
 * value loss and the entropy bonus, a global gradient-norm clip and Adam (ε = 1e-5) at a learning
 * rate the caller anneals. Owns the optimizer state; not thread-safe.
 */
public final class PpoUpdate {
    /** Adam's ε, as in CleanRL. */
    public static final float ADAM_EPS = 1e-5f;

    private final ActorCriticNetwork network;
    private final PpoSettings settings;
    private final Rng rng;
    private final Adam adam = new Adam(ADAM_EPS);

    /** Losses and diagnostics of one update, under CleanRL's metric names. */
    public record Metrics(double learningRate, double valueLoss, double policyLoss, double entropy, double oldApproxKl,
            double approxKl, double clipFraction, double explainedVariance, int epochs) {
    }

    /** An updater of {@code network}; {@code rng} orders the minibatches. */
    public PpoUpdate(ActorCriticNetwork network, PpoSettings settings, Rng rng) {
        this.network = network;
        this.settings = settings;
        this.rng = rng;
    }

    /** The optimizer, whose state goes into checkpoints. */
    public Adam optimizer() {
        return adam;
    }

    /** The learning rate for update {@code update} (1-based) of {@code numUpdates}: linear decay when annealing. */
    public static double learningRate(PpoSettings s, long update, long numUpdates) {
        return s.annealLr() ? s.learningRate() * (1.0 - (update - 1.0) / numUpdates) : s.learningRate();
    }

    /** Trains on one batch at {@code lr}, minibatches ordered by the updater's generator, and returns the metrics. */
    public Metrics update(TrajectoryBatch b, double lr) {
        return update(b, lr, rng);
    }

    /** Trains on one batch at {@code lr} with minibatches ordered by {@code order}, and returns the metrics. */
    public Metrics update(TrajectoryBatch b, double lr, Rng order) {
        Gae.Result gae = Gae.compute(b.rewards(), b.values(), b.terminated(), b.truncated(), b.finalValues(),
                b.lastValues(), settings.gamma(), settings.gaeLambda());
        int n = b.size();
        int mb = n / settings.numMinibatches();
        double vSum = 0, pgSum = 0, entSum = 0, oldKl = 0, kl = 0, clipSum = 0;
        int count = 0;
        int epochs = 0;
        for (int epoch = 0; epoch < settings.updateEpochs(); epoch++) {
            epochs++;
            int[] perm = permutation(n, order);
            for (int start = 0; start < n; start += mb) {
                try (NDManager m = network.manager().newSubManager()) {
                    double[] r = minibatch(m, b, gae, perm, start, mb, lr);
                    vSum += r[0];
                    pgSum += r[1];
                    entSum += r[2];
                    oldKl = r[3];
                    kl = r[4];
                    clipSum += r[5];
                    count++;
                }
            }
            if (!Double.isNaN(settings.targetKl()) && kl > settings.targetKl()) {
                break;
            }
        }
        return new Metrics(lr, vSum / count, pgSum / count, entSum / count, oldKl, kl, clipSum / count,
                Gae.explainedVariance(b.values(), gae.returns()), epochs);
    }

    /** One gradient step; returns value loss, policy loss, entropy, old approx-KL, approx-KL, clip fraction. */
    private double[] minibatch(NDManager m, TrajectoryBatch b, Gae.Result gae, int[] order, int start, int size,
            double lr) {
        int d = b.obsDim();
        float[] obs = new float[size * d];
        long[] act = new long[size];
        float[] oldLogp = new float[size];
        float[] oldV = new float[size];
        float[] adv = new float[size];
        float[] ret = new float[size];
        for (int j = 0; j < size; j++) {
            int k = order[start + j];
            System.arraycopy(b.observations(), k * d, obs, j * d, d);
            act[j] = b.actions()[k];
            oldLogp[j] = b.logProbs()[k];
            oldV[j] = b.values()[k];
            adv[j] = gae.advantages()[k];
            ret[j] = gae.returns()[k];
        }
        NDArray x = m.create(obs, new Shape(size, d));
        NDArray oldLogProb = m.create(oldLogp);
        NDArray advantages = m.create(adv);
        double[] out = new double[6];
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logp = PpoLosses.logSoftmax(network.logits(x, true));
            NDArray newLogProb = PpoLosses.actionLogProb(logp, m.create(act));
            NDArray entropy = PpoLosses.entropy(logp).mean();
            NDArray a = settings.normAdv() ? PpoLosses.normalizeAdvantages(advantages) : advantages;
            NDArray pg = PpoLosses.policyLoss(newLogProb, oldLogProb, a, settings.clipCoef());
            NDArray v = PpoLosses.valueLoss(network.value(x, true), m.create(oldV), m.create(ret), settings.clipCoef(),
                    settings.clipVloss());
            NDArray loss = pg.sub(entropy.mul((float) settings.entCoef())).add(v.mul((float) settings.vfCoef()));
            collector.backward(loss);
            out[0] = v.getFloat();
            out[1] = pg.getFloat();
            out[2] = entropy.getFloat();
            out[3] = PpoLosses.oldApproxKl(newLogProb, oldLogProb);
            out[4] = PpoLosses.approxKl(newLogProb, oldLogProb);
            out[5] = PpoLosses.clipFraction(newLogProb, oldLogProb, settings.clipCoef());
        }
        step(lr);
        return out;
    }

    /** Clips the global gradient norm to {@code maxGradNorm} (as {@code clip_grad_norm_}) and applies Adam. */
    private void step(double lr) {
        List<Parameter> params = network.parameters();
        float[][] grads = new float[params.size()][];
        double sq = 0;
        for (int i = 0; i < grads.length; i++) {
            NDArray grad = params.get(i).getArray().getGradient();
            grads[i] = grad.toFloatArray();
            grad.subi(grad); // the engine accumulates gradients across backward passes
            for (float g : grads[i]) {
                sq += (double) g * g;
            }
        }
        double scale = Math.min(1.0, settings.maxGradNorm() / (Math.sqrt(sq) + 1e-6));
        adam.step(params, grads, lr, scale);
    }

    private static int[] permutation(int n, Rng rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
