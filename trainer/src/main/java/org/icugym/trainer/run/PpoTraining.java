package org.icugym.trainer.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.icugym.trainer.learner.Learner;
import org.icugym.trainer.ppo.PpoSettings;
import org.icugym.trainer.rollout.RolloutWorker;

/**
 * Runs PPO on one node: an actor system with the {@link Learner} and {@code workers}
 * {@link RolloutWorker}s against the environment server named in the settings.
 */
public final class PpoTraining {
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
        CompletableFuture<TrainResult> done = new CompletableFuture<>();
        try (MetricsLog metrics = new MetricsLog(settings.outDir(), settings.totalSteps())) {
            metrics.hyperparameters(settings.asMap());
            ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
                ActorRef<Learner.Command> learner = ctx.spawn(Learner.create(settings, metrics, done), "learner",
                        DispatcherSelector.blocking());
                for (int w = 0; w < workers; w++) {
                    ctx.spawn(RolloutWorker.create(settings, w, learner), "rollout-" + w, DispatcherSelector.blocking());
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
}
