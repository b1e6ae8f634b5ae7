package org.icugym.trainer.run;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.icugym.trainer.ppo.PpoUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of a run under CleanRL's names ({@code charts/episodic_return}, {@code losses/approx_kl},
 * …), one JSON object per line in {@code metrics.jsonl} of the output folder, plus a progress line
 * in the log after each update. Keeps every episode in memory for the result. A resumed run
 * truncates the file to the length recorded in its checkpoint and appends.
 */
public final class MetricsLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsLog.class);

    private final BufferedWriter out;
    private final FileChannel channel;
    private final List<TrainResult.Episode> episodes = Collections.synchronizedList(new ArrayList<>());
    private final long totalSteps;
    private volatile Consumer<Progress> progress = p -> { };

    /**
     * Progress after an update.
     *
     * @param globalStep   environment steps so far
     * @param totalSteps   steps of the whole run
     * @param update       updates so far
     * @param sps          environment steps per second
     * @param recentReturn mean return of the last 20 episodes (NaN before the first)
     */
    public record Progress(long globalStep, long totalSteps, long update, double sps, double recentReturn) {
    }

    /** A log writing into {@code outDir} (created if missing), or only to memory and the log when null. */
    public MetricsLog(Path outDir, long totalSteps) {
        this(outDir, totalSteps, -1);
    }

    /**
     * A log writing into {@code outDir}; with {@code resumeAtBytes >= 0} it keeps the first that many
     * bytes of an existing {@code metrics.jsonl} (their episodes count as this run's) and appends.
     *
     * @throws IllegalArgumentException if resuming and the file is missing or shorter than {@code resumeAtBytes}
     */
    public MetricsLog(Path outDir, long totalSteps, long resumeAtBytes) {
        this.totalSteps = totalSteps;
        if (outDir == null) {
            out = null;
            channel = null;
            return;
        }
        Path file = outDir.resolve("metrics.jsonl");
        try {
            Files.createDirectories(outDir);
            if (resumeAtBytes >= 0) {
                long size = Files.exists(file) ? Files.size(file) : -1;
                if (size < resumeAtBytes) {
                    throw new IllegalArgumentException(file + " has " + size + " bytes but the checkpoint was taken at "
                            + resumeAtBytes + "; the run folder is incomplete, start a new run");
                }
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(resumeAtBytes);
                }
                episodes.addAll(LearningCurve.readEpisodes(file));
            }
            FileOutputStream stream = new FileOutputStream(file.toFile(), resumeAtBytes >= 0);
            channel = stream.getChannel();
            out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics into " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** Calls {@code listener} after every update (from the learner's thread). */
    public void onProgress(Consumer<Progress> listener) {
        this.progress = listener;
    }

    /** Flushes and syncs the file to disk and returns its length in bytes (0 without a file). */
    public synchronized long sync() {
        if (out == null) {
            return 0;
        }
        try {
            out.flush();
            channel.force(false);
            return channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync metrics: " + e.getMessage(), e);
        }
    }

    /** Logs every hyperparameter (and writes them as the first line). */
    public void hyperparameters(Map<String, Object> values) {
        StringBuilder json = new StringBuilder("{\"hyperparameters\":{");
        values.forEach((k, v) -> json.append('"').append(k).append("\":").append(value(v)).append(','));
        json.setLength(json.length() - 1);
        write(json.append("}}").toString());
        logHyperparameters(values);
    }

    /** Logs every hyperparameter without writing them (a resumed run's file has them already). */
    public void logHyperparameters(Map<String, Object> values) {
        LOG.info("hyperparameters: {}", values);
    }

    /** A finished episode. */
    public void episode(long globalStep, double episodicReturn, int length) {
        episodes.add(new TrainResult.Episode(globalStep, episodicReturn, length));
        write(String.format(Locale.ROOT, "{\"global_step\":%d,\"charts/episodic_return\":%s,\"charts/episodic_length\":%d}",
                globalStep, num(episodicReturn), length));
    }

    /** The metrics of one update. */
    public void update(long globalStep, long update, PpoUpdate.Metrics m, double sps) {
        write(String.format(Locale.ROOT, "{\"global_step\":%d,\"update\":%d,\"charts/learning_rate\":%s,"
                + "\"losses/value_loss\":%s,\"losses/policy_loss\":%s,\"losses/entropy\":%s,\"losses/old_approx_kl\":%s,"
                + "\"losses/approx_kl\":%s,\"losses/clipfrac\":%s,\"losses/explained_variance\":%s,\"charts/SPS\":%s}",
                globalStep, update, num(m.learningRate()), num(m.valueLoss()), num(m.policyLoss()), num(m.entropy()),
                num(m.oldApproxKl()), num(m.approxKl()), num(m.clipFraction()), num(m.explainedVariance()), num(sps)));
        double recent;
        synchronized (episodes) {
            recent = episodes.stream().skip(Math.max(0, episodes.size() - 20))
                    .mapToDouble(TrainResult.Episode::episodicReturn).average().orElse(Double.NaN);
        }
        progress.accept(new Progress(globalStep, totalSteps, update, sps, recent));
        LOG.info(String.format(Locale.ROOT, "step %d/%d (%.0f%%)  SPS %.0f  return(last 20) %.2f  approx_kl %.4f  clipfrac %.3f",
                globalStep, totalSteps, 100.0 * globalStep / totalSteps, sps, recent, m.approxKl(), m.clipFraction()));
    }

    /** Every episode so far. */
    public List<TrainResult.Episode> episodes() {
        synchronized (episodes) {
            return List.copyOf(episodes);
        }
    }

    private synchronized void write(String line) {
        if (out == null) {
            return;
        }
        try {
            out.write(line);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics: " + e.getMessage(), e);
        }
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v instanceof Double d ? num(d) : v.toString();
        }
        return '"' + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
