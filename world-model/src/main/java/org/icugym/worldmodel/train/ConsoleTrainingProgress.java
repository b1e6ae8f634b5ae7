package org.icugym.worldmodel.train;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar for world-model training: one tick per member epoch, with the current
 * member, epoch and validation loss. Members that stop early jump to the end of their share.
 * Close it when training is done.
 */
public final class ConsoleTrainingProgress implements TrainingProgress, AutoCloseable {
    private final PrintStream out;
    private ProgressBar bar;
    private int maxEpochs;

    /** A progress bar printed to {@code out} (e.g. {@code System.err}). */
    public ConsoleTrainingProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onStart(int members, int epochs) {
        maxEpochs = epochs;
        bar = new ProgressBarBuilder().setTaskName("world model").setInitialMax((long) members * epochs)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
    }

    @Override
    public void onEpoch(int member, int epoch, double trainLoss, double validationLoss) {
        bar.stepTo((long) member * maxEpochs + epoch);
        bar.setExtraMessage(String.format(Locale.ROOT, "member %d epoch %d val %.4f", member, epoch, validationLoss));
    }

    @Override
    public void onMemberDone(int member, int epochs, int bestEpoch) {
        bar.stepTo((long) (member + 1) * maxEpochs);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
