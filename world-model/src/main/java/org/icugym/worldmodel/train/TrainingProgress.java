package org.icugym.worldmodel.train;

/**
 * Receives progress while a world model trains (e.g. to drive a console progress bar). Called
 * on the training thread; implementations must be quick.
 */
public interface TrainingProgress {
    /** Ignores every event. */
    TrainingProgress NONE = new TrainingProgress() {};

    /**
     * Training starts.
     *
     * @param members ensemble members to train
     * @param maxEpochs most epochs per member
     */
    default void onStart(int members, int maxEpochs) {}

    /**
     * A member finished an epoch.
     *
     * @param member member index (0-based)
     * @param epoch epoch number (1-based)
     * @param trainLoss mean training loss of the epoch
     * @param validationLoss loss on the validation split after the epoch
     */
    default void onEpoch(int member, int epoch, double trainLoss, double validationLoss) {}

    /**
     * A member finished (early stopping or epoch budget).
     *
     * @param member member index
     * @param epochs epochs run
     * @param bestEpoch epoch whose weights were kept
     */
    default void onMemberDone(int member, int epochs, int bestEpoch) {}
}
