package org.icugym.agent.dqn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.function.Consumer;
import org.icugym.agent.PolicyException;
import org.icugym.agent.PolicyWeights;
import org.icugym.agent.mlp.MlpActorCritic;
import org.icugym.core.random.Rng;
import org.icugym.worldmodel.model.DjlRuntime;
import org.icugym.worldmodel.model.SeededInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline dueling double DQN (Raghu et al. 2017, "Deep reinforcement learning for sepsis
 * treatment"): Q-learning on a fixed set of logged transitions, no environment interaction.
 *
 * <p>Each gradient step draws {@link DqnSettings#batchSize()} transitions uniformly (with
 * replacement) from the data, computes the double-DQN target
 * {@code y = r + gamma (1 - terminal) Q_target(s', argmax_a Q_online(s', a))} (van Hasselt et al.
 * 2016) without gradients, and minimises the Huber loss of {@code Q_online(s, a) − y} plus
 * Raghu's penalty {@code qPenalty · mean(max(|Q_online(s, a)| − qLimit, 0))}, which keeps the
 * Q-values of rarely logged actions from drifting beyond the largest possible return. Adam with
 * per-array gradient clipping; the target network is a copy of the online network refreshed every
 * {@link DqnSettings#targetUpdateEvery()} steps. Prioritised replay is not used.
 *
 * <p>Deterministic: the initial weights come from {@link SeededInitializer} and the minibatches
 * from the project's {@link Rng}, so the same data, settings and seed give the same weights with
 * the same PyTorch thread settings on the same machine.
 */
public final class OfflineDqn {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineDqn.class);

    private OfflineDqn() {}

    /**
     * Progress of a run, one report every few hundred steps.
     *
     * @param step gradient steps done
     * @param loss mean loss (Huber + penalty) since the previous report
     * @param meanQ mean {@code Q(s, a)} of the logged actions since the previous report
     */
    public record Progress(int step, double loss, double meanQ) {}

    /**
     * The result of a run.
     *
     * @param weights the trained network as a weights file ({@link DuelingDqn#KIND})
     * @param finalLoss the mean loss of the last reported window
     * @param meanQ the mean {@code Q(s, a)} of the logged actions in the last window
     * @param seconds wall-clock training time
     */
    public record Result(PolicyWeights weights, double finalLoss, double meanQ, double seconds) {}

    /**
     * Trains a dueling double DQN on {@code data}.
     *
     * @param data the logged transitions
     * @param settings hyperparameters (logged at start)
     * @param progress receives a report every {@code max(1, steps / 50)} steps
     * @throws PolicyException {@code INVALID_INPUT} for a logged action outside the action range
     */
    public static Result train(OfflineTransitions data, DqnSettings settings, Consumer<Progress> progress) {
        DjlRuntime.ensureOffline();
        int a = settings.numActions();
        for (int i = 0; i < data.size(); i++) {
            if (data.actions()[i] < 0 || data.actions()[i] >= a) {
                throw new PolicyException(PolicyException.Code.INVALID_INPUT, "transition " + i + " took action "
                        + data.actions()[i] + ", outside [0, " + a + ")");
            }
        }
        LOG.info("offline dueling double DQN on {} transitions of {} values: {}", data.size(), data.stateSize(),
                settings.describe());
        long start = System.nanoTime();
        Rng rng = new Rng(settings.seed());
        Block online = DuelingDqn.create(settings.hidden(), a);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optInitializer(new SeededInitializer(rng.nextLong()), p -> p.getType() == Parameter.Type.WEIGHT)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) settings.learningRate()))
                        .optClipGrad((float) settings.gradientClip()).build())
                .optDevices(new Device[] {Device.cpu()});
        try (Model model = Model.newInstance("dueling-dqn", Device.cpu());
                NDManager targetManager = NDManager.newBaseManager(Device.cpu())) {
            model.setBlock(online);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, data.stateSize()));
                Block target = DuelingDqn.create(settings.hidden(), a);
                target.initialize(targetManager, DataType.FLOAT32, new Shape(1, data.stateSize()));
                copy(online, target);
                ParameterStore targetStore = new ParameterStore(targetManager, false);
                int every = Math.max(1, settings.steps() / 50);
                double lossSum = 0;
                double qSum = 0;
                int window = 0;
                double lastLoss = Double.NaN;
                double lastQ = Double.NaN;
                for (int step = 1; step <= settings.steps(); step++) {
                    double[] lq = step(trainer, target, targetStore, data, settings, rng);
                    lossSum += lq[0];
                    qSum += lq[1];
                    window++;
                    if (step % settings.targetUpdateEvery() == 0) {
                        copy(online, target);
                    }
                    if (step % every == 0 || step == settings.steps()) {
                        lastLoss = lossSum / window;
                        lastQ = qSum / window;
                        progress.accept(new Progress(step, lastLoss, lastQ));
                        if (step % (every * 10) == 0) {
                            LOG.info("step {}/{}: losses/td_loss {}, mean Q(s, a) {}, {} s", step, settings.steps(),
                                    lastLoss, lastQ, Math.round((System.nanoTime() - start) / 1e9));
                        }
                        lossSum = 0;
                        qSum = 0;
                        window = 0;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                LOG.info("DQN trained in {} s: loss {}, mean Q(s, a) {}", seconds, lastLoss, lastQ);
                PolicyWeights weights = new PolicyWeights(DuelingDqn.KIND, data.stateSize(), a, settings.hidden(),
                        MlpActorCritic.parameterBytes(online));
                return new Result(weights, lastLoss, lastQ, seconds);
            }
        } catch (EngineException e) {
            throw new IllegalStateException("DQN training failed in the engine: " + e.getMessage(), e);
        }
    }

    /** One gradient step; returns the loss and the mean Q(s, a) of the batch. */
    private static double[] step(Trainer trainer, Block target, ParameterStore targetStore, OfflineTransitions data,
            DqnSettings settings, Rng rng) {
        int b = settings.batchSize();
        int d = data.stateSize();
        int a = settings.numActions();
        float[] x = new float[b * d];
        float[] xNext = new float[b * d];
        float[] onehot = new float[b * a];
        int[] rows = new int[b];
        for (int i = 0; i < b; i++) {
            int r = (int) Math.floor(rng.nextDouble() * data.size());
            rows[i] = r;
            System.arraycopy(data.states(), r * d, x, i * d, d);
            System.arraycopy(data.next(), r * d, xNext, i * d, d);
            onehot[i * a + data.actions()[r]] = 1;
        }
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray next = m.create(xNext, new Shape(b, d));
            float[] qOnline = trainer.evaluate(new NDList(next)).singletonOrThrow().toFloatArray();
            float[] qTarget = target.forward(targetStore, new NDList(next.toDevice(Device.cpu(), false)), false)
                    .singletonOrThrow().toFloatArray();
            float[] y = new float[b];
            for (int i = 0; i < b; i++) {
                int r = rows[i];
                double bootstrap = 0;
                if (!data.terminal()[r]) {
                    int best = 0;
                    for (int k = 1; k < a; k++) {
                        if (qOnline[i * a + k] > qOnline[i * a + best]) {
                            best = k;
                        }
                    }
                    bootstrap = settings.gamma() * qTarget[i * a + best];
                }
                y[i] = (float) (data.rewards()[r] + bootstrap);
            }
            NDArray input = m.create(x, new Shape(b, d));
            NDArray mask = m.create(onehot, new Shape(b, a));
            NDArray labels = m.create(y, new Shape(b));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray q = trainer.forward(new NDList(input)).singletonOrThrow().mul(mask).sum(new int[] {1});
                NDArray error = q.sub(labels).abs();
                NDArray quadratic = error.minimum(1f);
                NDArray huber = quadratic.square().mul(0.5f).add(error.sub(quadratic)).mean();
                NDArray penalty = q.abs().sub((float) settings.qLimit()).maximum(0f).mean()
                        .mul((float) settings.qPenalty());
                NDArray loss = huber.add(penalty);
                collector.backward(loss);
                double[] out = {loss.getFloat(), q.mean().getFloat()};
                trainer.step();
                return out;
            }
        }
    }

    /** Copies the online network's parameters into the target network. */
    private static void copy(Block from, Block to) {
        List<Parameter> source = from.getParameters().values();
        List<Parameter> dest = to.getParameters().values();
        for (int i = 0; i < source.size(); i++) {
            dest.get(i).getArray().set(FloatBuffer.wrap(source.get(i).getArray().toFloatArray()));
        }
    }
}
