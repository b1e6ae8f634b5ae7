package org.icugym.trainer.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.icugym.trainer.checkpoint.Checkpoint;
import org.icugym.trainer.checkpoint.CheckpointStore;
import org.icugym.trainer.learner.Learner;
import org.icugym.trainer.ppo.PpoSettings;
import org.icugym.trainer.rollout.RolloutWorker;

/**
 * Runs PPO on one node: an actor system with the {@link Learner} and {@code workers}
 * {@link RolloutWorker}s against the environment server named in the settings. A run with an
 * output folder writes {@code config.json} (its {@link TrainConfig}), {@code metrics.jsonl},
 * {@code learning_curve.png} and, every {@code checkpointEvery} updates, a checkpoint;
 * {@link #resume} continues such a run from its newest checkpoint.
 */
public final class PpoTraining {
    /** Keys whose value may differ between a run and its resumption. */
    private static final Set<String> MAY_CHANGE_ON_RESUME = Set.of("env-server", "workers", "eval-episodes", "eval-mode",
            "device", "max-staleness");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PpoTraining() {
    }

    /** Trains with one rollout worker and returns when the run ends. */
    public static TrainResult run(PpoSettings settings) {
        return run(settings, 1, ConfigFactory.load());
    }

    /**
     * Trains with {@code workers} rollout workers in an actor system configured by {@code config}.
     *
     * @throws IllegalStateException if the run failed (the message says why)
     */
    public static TrainResult run(PpoSettings settings, int workers, Config config) {
        return run(settings, workers, config, null, p -> { }, new TimeBreakdown());
    }

    /**
     * Trains as configured by {@code train}, writing its {@code config.json} first, and reports
     * progress to {@code progress} after every update.
     */
    public static TrainResult run(TrainConfig train, Config config, Consumer<MetricsLog.Progress> progress) {
        if (train.ppo().outDir() != null) {
            writeConfig(train);
        }
        return run(train.ppo(), train.workers(), config, null, progress, new TimeBreakdown());
    }

    /**
     * The configuration of the run in {@code runDir} (its {@code config.json}) with {@code overrides}
     * applied; only {@code env-server}, {@code workers}, {@code eval-*}, {@code device} and
     * {@code max-staleness} may change.
     *
     * @throws IllegalArgumentException if the folder holds no run or an override changes the run's course
     */
    public static TrainConfig resumeConfig(Path runDir, Map<String, ?> overrides) {
        Path file = runDir.resolve("config.json");
        Map<String, Object> values;
        try {
            values = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + " (" + e.getMessage() + "); --resume needs the"
                    + " folder of a run started with --out", e);
        }
        for (Map.Entry<String, ?> o : overrides.entrySet()) {
            Object before = values.get(o.getKey());
            if (!MAY_CHANGE_ON_RESUME.contains(o.getKey()) && o.getValue() != null
                    && !Objects.equals(String.valueOf(before), String.valueOf(o.getValue()))) {
                throw new IllegalArgumentException("a resumed run keeps its configuration; " + o.getKey() + " was "
                        + before + " (" + file + "), got " + o.getValue() + "; only " + MAY_CHANGE_ON_RESUME
                        + " may change");
            }
            values.put(o.getKey(), o.getValue());
        }
        values.put("out", runDir.toString());
        return TrainConfig.from(values);
    }

    /**
     * Continues the run in {@code train}'s output folder from its newest checkpoint: metrics after
     * the checkpoint are dropped and written again, so the finished folder is as if the run had not
     * stopped (for one worker, the same numbers; only {@code charts/SPS} differs).
     *
     * @throws IllegalArgumentException if there is no checkpoint or the run has already finished
     */
    public static TrainResult resume(TrainConfig train, Config config, Consumer<MetricsLog.Progress> progress) {
        PpoSettings s = train.ppo();
        Checkpoint c = CheckpointStore.loadLatest(s.outDir()).orElseThrow(() -> new IllegalArgumentException(
                "no checkpoint in " + s.outDir().resolve(CheckpointStore.FOLDER) + "; start the run again without --resume"));
        if (c.update() >= s.numUpdates()) {
            throw new IllegalArgumentException("the run in " + s.outDir() + " has finished (update " + c.update() + " of "
                    + s.numUpdates() + "); nothing to resume");
        }
        writeConfig(train);
        return run(s, train.workers(), config, c, progress, new TimeBreakdown());
    }

    /**
     * Trains with {@code workers} rollout workers, from {@code resumeFrom} if not null, adding the
     * time of env stepping, inference and learning to {@code times}.
     *
     * @throws IllegalStateException if the run failed (the message says why)
     */
    public static TrainResult run(PpoSettings settings, int workers, Config config, Checkpoint resumeFrom,
            Consumer<MetricsLog.Progress> progress, TimeBreakdown times) {
        CompletableFuture<TrainResult> done = new CompletableFuture<>();
        try (MetricsLog metrics = new MetricsLog(settings.outDir(), settings.totalSteps(),
                resumeFrom == null ? -1 : resumeFrom.metricsBytes())) {
            metrics.onProgress(progress);
            if (resumeFrom == null) {
                metrics.hyperparameters(settings.asMap());
            } else {
                metrics.logHyperparameters(settings.asMap());
            }
            ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
                ActorRef<Learner.Command> learner = ctx.spawn(Learner.create(settings, metrics, done, resumeFrom, times),
                        "learner", DispatcherSelector.blocking());
                for (int w = 0; w < workers; w++) {
                    ctx.spawn(RolloutWorker.create(settings, w, learner, times), "rollout-" + w,
                            DispatcherSelector.blocking());
                }
                return Behaviors.empty();
            }), "icugym-trainer", config);
            try {
                TrainResult result = done.get();
                if (settings.outDir() != null) {
                    LearningCurve.write(settings.outDir().resolve("learning_curve.png"),
                            settings.envId() + "  seed " + settings.seed(), result.episodes(), settings.totalSteps());
                }
                return result;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IllegalStateException ise ? ise : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().join();
            }
        }
    }

    private static void writeConfig(TrainConfig train) {
        Path dir = train.ppo().outDir();
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("config.json.tmp");
            JSON.writeValue(tmp.toFile(), train.toMap());
            Files.move(tmp, dir.resolve("config.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("config.json") + ": " + e.getMessage(), e);
        }
    }
}
