package org.icugym.worldmodel.train;

import java.util.Objects;
import org.icugym.worldmodel.model.WorldModelConfig;

/**
 * Settings of one world-model training run; every field is logged when training starts.
 *
 * @param model the architecture (history length, hidden layers, ensemble size)
 * @param seed seed of the validation split, bootstrap resamples, initial weights and minibatch order
 * @param maxEpochs most passes over each member's training set (≥ 1)
 * @param patience epochs without a validation-loss improvement before a member stops early (≥ 1)
 * @param batchSize transitions per minibatch (≥ 1)
 * @param learningRate Adam learning rate (&gt; 0)
 * @param validationFraction share of stays held out for early stopping and metrics (0–0.9); a
 *     stay is never split between training and validation
 * @param weightDecay L2 penalty on the weights added to the gradient (≥ 0; 0 = none)
 * @param device DJL device name: {@code "cpu"} (default) or e.g. {@code "gpu0"}
 * @param earlyStopping which validation loss decides early stopping and the kept weights
 */
public record TrainConfig(WorldModelConfig model, long seed, int maxEpochs, int patience, int batchSize,
        double learningRate, double validationFraction, double weightDecay, String device, EarlyStopping earlyStopping) {

    /** The validation loss that early stopping watches. */
    public enum EarlyStopping {
        /** The whole loss: Gaussian NLL plus the three heads' cross-entropies. */
        TOTAL,
        /**
         * The Gaussian NLL of the next features only; the stay-level death head, which over-fits
         * within a few epochs, no longer stops the dynamics early.
         */
        DYNAMICS
    }

    /** Validates every field. */
    public TrainConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(earlyStopping, "earlyStopping");
        if (maxEpochs < 1 || patience < 1 || batchSize < 1) {
            throw new IllegalArgumentException("maxEpochs, patience and batchSize must be >= 1, got " + maxEpochs + ", "
                    + patience + ", " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
        if (!(validationFraction > 0 && validationFraction <= 0.9)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 0.9], got " + validationFraction);
        }
    }

    /**
     * Defaults: {@link WorldModelConfig#DEFAULT}, seed 0, 100 epochs, patience 8, batch 256, lr 1e-3,
     * 20 % validation, no weight decay, CPU, early stopping on the total loss.
     */
    public static TrainConfig defaults() {
        return new TrainConfig(WorldModelConfig.DEFAULT, 0, 100, 8, 256, 1e-3, 0.2, 0, "cpu", EarlyStopping.TOTAL);
    }

    /** A copy with another early-stopping criterion. */
    public TrainConfig withEarlyStopping(EarlyStopping criterion) {
        return new TrainConfig(model, seed, maxEpochs, patience, batchSize, learningRate,
                validationFraction, weightDecay, device, criterion);
    }

    /** A copy with another architecture. */
    public TrainConfig withModel(WorldModelConfig config) {
        return new TrainConfig(config, seed, maxEpochs, patience, batchSize, learningRate,
                validationFraction, weightDecay, device, earlyStopping);
    }

    /** A copy with another seed. */
    public TrainConfig withSeed(long newSeed) {
        return new TrainConfig(model, newSeed, maxEpochs, patience, batchSize, learningRate,
                validationFraction, weightDecay, device, earlyStopping);
    }

    /** A copy with another epoch budget and early-stopping patience. */
    public TrainConfig withEpochs(int epochs, int newPatience) {
        return new TrainConfig(model, seed, epochs, newPatience, batchSize, learningRate,
                validationFraction, weightDecay, device, earlyStopping);
    }

    /** A copy with another minibatch size and learning rate. */
    public TrainConfig withBatch(int newBatchSize, double newLearningRate) {
        return new TrainConfig(model, seed, maxEpochs, patience, newBatchSize, newLearningRate,
                validationFraction, weightDecay, device, earlyStopping);
    }

    /** A copy with another weight decay. */
    public TrainConfig withWeightDecay(double newWeightDecay) {
        return new TrainConfig(model, seed, maxEpochs, patience, batchSize, learningRate,
                validationFraction, newWeightDecay, device, earlyStopping);
    }

    /** A copy with another device. */
    public TrainConfig withDevice(String newDevice) {
        return new TrainConfig(model, seed, maxEpochs, patience, batchSize, learningRate,
                validationFraction, weightDecay, newDevice, earlyStopping);
    }
}
