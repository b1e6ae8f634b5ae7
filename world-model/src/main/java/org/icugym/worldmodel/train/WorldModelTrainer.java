package org.icugym.worldmodel.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.icugym.core.random.Rng;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.artifact.WorldModelException;
import org.icugym.worldmodel.data.StaySequence;
import org.icugym.worldmodel.data.TrainingData;
import org.icugym.worldmodel.model.DjlRuntime;
import org.icugym.worldmodel.model.InputEncoding;
import org.icugym.worldmodel.model.OutputLayout;
import org.icugym.worldmodel.model.SeededInitializer;
import org.icugym.worldmodel.model.WorldModelNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a Clinical World Model ensemble on a cohort and returns the artifact.
 *
 * <p>The run, top to bottom: split the stays into training and validation (seeded); for each
 * member, draw a bootstrap resample of the training stays, initialise weights from the member's
 * seed, and run Adam over shuffled minibatches of transitions, evaluating the validation loss
 * after every epoch and keeping the best weights (early stopping with patience); finally load
 * the ensemble and measure its fidelity on the validation stays ({@link FidelityEvaluator}).
 *
 * <p>Deterministic: the same data, config and seed give identical weights and metrics in the
 * same environment (same engine build and thread count); every random choice comes from the
 * project's seeded {@link Rng}, not the engine's generator.
 */
public final class WorldModelTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(WorldModelTrainer.class);
    private static final int MIN_STAYS = 4;
    /** Scale of the output layer's initial weights: members start near "no change, SD 1". */
    private static final double OUTPUT_GAIN = 0.01;

    private WorldModelTrainer() {}

    /** Trains with no progress reporting; see {@link #fit(TrainingData, TrainConfig, TrainingProgress)}. */
    public static WorldModelArtifact fit(TrainingData data, TrainConfig config) {
        return fit(data, config, TrainingProgress.NONE);
    }

    /**
     * Trains the ensemble and measures it on the validation split.
     *
     * @param data standardized stays with their scaling and action grid
     * @param config architecture and optimisation settings
     * @param progress receives per-epoch progress
     * @return the artifact: weights, schema, normalisation, action bins, metrics
     * @throws WorldModelException {@code INSUFFICIENT_DATA} if a split would have no transitions,
     *     {@code ENGINE_FAILURE} if the engine or device is unavailable
     */
    public static WorldModelArtifact fit(TrainingData data, TrainConfig config, TrainingProgress progress) {
        long start = System.nanoTime();
        DjlRuntime.ensureOffline();
        LOG.info("training world model: {} stays, {} transitions, {}", data.stays().size(), data.transitions(), config);
        Rng root = new Rng(config.seed());
        List<List<StaySequence>> split = split(data.stays(), config.validationFraction(), root.split());
        List<StaySequence> train = split.get(0);
        List<StaySequence> validation = split.get(1);
        InputEncoding encoding = new InputEncoding(data.layout().dynamicCount(), data.layout().staticCount(),
                config.model().historyLength());
        OutputLayout output = new OutputLayout(data.layout().dynamicCount());
        TransitionSet validationSet = TransitionSet.of(validation, encoding);
        requireTransitions(train, validationSet);
        progress.onStart(config.model().ensembleSize(), config.maxEpochs());
        List<byte[]> weights = new ArrayList<>();
        List<Integer> epochs = new ArrayList<>();
        List<Double> bestLosses = new ArrayList<>();
        for (int member = 0; member < config.model().ensembleSize(); member++) {
            Rng memberRng = root.split();
            List<StaySequence> resample = config.model().ensembleSize() == 1 ? train : bootstrap(train, memberRng);
            MemberResult result = trainMember(member, TransitionSet.of(resample, encoding), validationSet, encoding, output, config,
                    memberRng, progress);
            weights.add(result.weights);
            epochs.add(result.epochs);
            bestLosses.add(result.bestLoss);
        }
        TrainingMetrics placeholder = new TrainingMetrics(train.size(), validation.size(), validationSet.rows, 0, 0, 0,
                java.util.Map.of(), 0, 0, 0, epochs, bestLosses, 0);
        WorldModelArtifact trained = new WorldModelArtifact(data.layout(), data.standardizer(), data.actionGrid(),
                config.model(), config.seed(), placeholder, weights);
        double seconds = (System.nanoTime() - start) / 1e9;
        TrainingMetrics metrics = FidelityEvaluator.evaluate(trained, config.device(), validationSet, placeholder, seconds);
        LOG.info("world model trained: {}", metrics.summary());
        return new WorldModelArtifact(data.layout(), data.standardizer(), data.actionGrid(), config.model(), config.seed(),
                metrics, weights);
    }

    private record MemberResult(byte[] weights, int epochs, double bestLoss) {}

    private static MemberResult trainMember(int member, TransitionSet train, TransitionSet validation, InputEncoding encoding,
            OutputLayout output,
            TrainConfig config, Rng rng, TrainingProgress progress) {
        WorldModelLoss loss = new WorldModelLoss(output);
        Block block = WorldModelNetwork.create(config.model(), encoding, output);
        Parameter outputWeight = WorldModelNetwork.outputWeight(block);
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(loss)
                .optInitializer(new SeededInitializer(rng.nextLong()),
                        p -> p.getType() == Parameter.Type.WEIGHT && p != outputWeight)
                .optInitializer(new SeededInitializer(rng.nextLong(), OUTPUT_GAIN), p -> p == outputWeight)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                        .optWeightDecays((float) config.weightDecay()).build())
                .optDevices(new Device[] {device(config.device())});
        try (Model model = Model.newInstance("world-model-member-" + member, device(config.device()))) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(new Shape(1, train.inputSize));
                double best = Double.POSITIVE_INFINITY;
                byte[] bestWeights = save(block);
                int bestEpoch = 0;
                int epoch = 0;
                while (epoch < config.maxEpochs() && epoch - bestEpoch < config.patience()) {
                    epoch++;
                    double trainLoss = runEpoch(trainer, loss, train, config.batchSize(), rng);
                    double validationLoss = evaluate(trainer, loss, validation, config.batchSize(), config.earlyStopping());
                    progress.onEpoch(member, epoch, trainLoss, validationLoss);
                    if (validationLoss < best) {
                        best = validationLoss;
                        bestEpoch = epoch;
                        bestWeights = save(block);
                    }
                }
                LOG.info("member {}: {} epochs, best validation loss {} at epoch {}", member, epoch, best, bestEpoch);
                progress.onMemberDone(member, epoch, bestEpoch);
                return new MemberResult(bestWeights, epoch, best);
            }
        } catch (EngineException e) {
            throw new WorldModelException(WorldModelException.Code.ENGINE_FAILURE, "training failed in the engine: "
                    + e.getMessage() + "; check the device setting (\"cpu\" works everywhere)", e);
        }
    }

    private static double runEpoch(Trainer trainer, WorldModelLoss loss, TransitionSet set, int batchSize, Rng rng) {
        int[] order = permutation(set.rows, rng);
        double total = 0;
        int batches = 0;
        for (int from = 0; from < set.rows; from += batchSize) {
            int rows = Math.min(batchSize, set.rows - from);
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDList[] xy = batchArrays(batch, set, order, from, rows);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray value = loss.evaluate(xy[1], trainer.forward(xy[0]));
                    collector.backward(value);
                    total += value.getFloat();
                }
                trainer.step();
            }
            batches++;
        }
        return total / batches;
    }

    /** Mean loss (the early-stopping criterion's) over a set in inference mode, weighting each batch by its rows. */
    private static double evaluate(Trainer trainer, WorldModelLoss loss, TransitionSet set, int batchSize,
            TrainConfig.EarlyStopping criterion) {
        int[] order = identity(set.rows);
        double total = 0;
        for (int from = 0; from < set.rows; from += batchSize) {
            int rows = Math.min(batchSize, set.rows - from);
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDList[] xy = batchArrays(batch, set, order, from, rows);
                NDList predicted = trainer.evaluate(xy[0]);
                NDArray value = criterion == TrainConfig.EarlyStopping.DYNAMICS ? loss.dynamicsNll(xy[1], predicted)
                        : loss.evaluate(xy[1], predicted);
                total += value.getFloat() * rows;
            }
        }
        return total / set.rows;
    }

    /** Inputs and labels of rows {@code order[from .. from+rows)}. */
    private static NDList[] batchArrays(NDManager m, TransitionSet set, int[] order, int from, int rows) {
        int f = set.featureCount;
        float[] x = new float[rows * set.inputSize];
        float[] current = new float[rows * f];
        float[] next = new float[rows * f];
        float[] mask = new float[rows * f];
        float[] vent = new float[rows];
        float[] end = new float[rows];
        float[] death = new float[rows];
        for (int i = 0; i < rows; i++) {
            int r = order[from + i];
            System.arraycopy(set.inputs, r * set.inputSize, x, i * set.inputSize, set.inputSize);
            System.arraycopy(set.current, r * f, current, i * f, f);
            System.arraycopy(set.next, r * f, next, i * f, f);
            System.arraycopy(set.nextMask, r * f, mask, i * f, f);
            vent[i] = set.ventilation[r];
            end[i] = set.end[r];
            death[i] = set.death[r];
        }
        Shape matrix = new Shape(rows, f);
        NDList inputs = new NDList(m.create(FloatBuffer.wrap(x), new Shape(rows, set.inputSize)));
        NDList labels = new NDList(m.create(current, matrix), m.create(next, matrix), m.create(mask, matrix),
                m.create(vent), m.create(end), m.create(death));
        return new NDList[] {inputs, labels};
    }

    static List<List<StaySequence>> split(List<StaySequence> stays, double validationFraction, Rng rng) {
        if (stays.size() < MIN_STAYS) {
            throw new WorldModelException(WorldModelException.Code.INSUFFICIENT_DATA, "need at least " + MIN_STAYS
                    + " stays to train and validate, got " + stays.size() + "; use a larger cohort");
        }
        int[] order = permutation(stays.size(), rng);
        int validationCount = Math.max(1, (int) Math.round(stays.size() * validationFraction));
        List<StaySequence> train = new ArrayList<>();
        List<StaySequence> validation = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            (i < validationCount ? validation : train).add(stays.get(order[i]));
        }
        return List.of(train, validation);
    }

    private static List<StaySequence> bootstrap(List<StaySequence> stays, Rng rng) {
        List<StaySequence> resample = new ArrayList<>(stays.size());
        for (int i = 0; i < stays.size(); i++) {
            resample.add(stays.get(rng.nextInt(stays.size())));
        }
        return resample;
    }

    private static void requireTransitions(List<StaySequence> train, TransitionSet validation) {
        int trainTransitions = train.stream().mapToInt(StaySequence::transitions).sum();
        if (trainTransitions == 0 || validation.rows == 0) {
            throw new WorldModelException(WorldModelException.Code.INSUFFICIENT_DATA, "the training split has "
                    + trainTransitions + " and the validation split " + validation.rows
                    + " transitions; both need some: use a larger cohort or stays with more than one step");
        }
    }

    private static int[] permutation(int n, Rng rng) {
        int[] order = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static byte[] save(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Device device(String name) {
        try {
            return Device.fromName(name);
        } catch (IllegalArgumentException e) {
            throw new WorldModelException(WorldModelException.Code.ENGINE_FAILURE, "unknown device '" + name
                    + "'; use \"cpu\" or \"gpu0\"", e);
        }
    }
}
