package org.icugym.envserver.worldmodel;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Routers;
import org.icugym.core.env.EnvException;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.env.BatchPredictor;
import org.icugym.worldmodel.env.HeldOutStays;
import org.icugym.worldmodel.env.WorldModelEnvFactory;
import org.icugym.worldmodel.env.WorldModelEnvironment;
import org.icugym.worldmodel.inference.Prediction;

/**
 * The server's world-model inference pool: {@code poolSize} {@link WorldModelWorker}s behind a
 * round-robin router on the {@value #DISPATCHER} dispatcher, seen by the environments as a
 * {@link BatchPredictor}. Each session sends one request per vector step (all its rows); each
 * worker merges the requests it holds into one forward pass.
 *
 * <p>Created before the actor system (the environment registry needs its factory) and started
 * once the system exists; requests before {@link #start} answer UNAVAILABLE. Replies are handed
 * to the default dispatcher, so the sessions' continuations never run on an inference thread.
 */
public final class WorldModelPool implements BatchPredictor {
    /** Dispatcher of the inference workers (configured in reference.conf). */
    public static final String DISPATCHER = "icugym-world-model-dispatcher";

    private final WorldModelArtifact artifact;
    private final WorldModelSettings settings;
    private final Duration askTimeout;
    private final WorldModelEnvFactory factory;
    private volatile ActorSystem<?> system;
    private volatile ActorRef<WorldModelWorker.Command> router;

    private WorldModelPool(WorldModelArtifact artifact, HeldOutStays heldOut, WorldModelSettings settings,
            Duration askTimeout) {
        this.artifact = artifact;
        this.settings = settings;
        this.askTimeout = askTimeout;
        this.factory = new WorldModelEnvFactory(new WorldModelEnvironment(artifact, heldOut, this));
    }

    /**
     * Loads the configured artifact and the cohort's test split.
     *
     * @param askTimeout how long a session waits for a prediction
     * @throws IllegalArgumentException naming the missing file or directory
     * @throws org.icugym.worldmodel.artifact.WorldModelException if the artifact is invalid or of another schema
     */
    public static WorldModelPool load(WorldModelSettings settings, Duration askTimeout) {
        if (!Files.isRegularFile(settings.artifact())) {
            throw new IllegalArgumentException(WorldModelSettings.ROOT + ".artifact: no file " + settings.artifact()
                    + "; train one with 'icugym world-model fit' or unset it to serve without Sepsis-WorldModel-v1");
        }
        if (!Files.isDirectory(settings.cohort())) {
            throw new IllegalArgumentException(WorldModelSettings.ROOT + ".cohort: no directory " + settings.cohort()
                    + "; give the cohort directory (with test.csv.gz) the model was trained from");
        }
        WorldModelArtifact artifact = WorldModelArtifact.load(settings.artifact());
        return new WorldModelPool(artifact, HeldOutStays.testSplit(settings.cohort(), artifact.standardizer()),
                settings, askTimeout);
    }

    /** The environment factory whose environments predict through this pool. */
    public WorldModelEnvFactory factory() {
        return factory;
    }

    /** Spawns the workers in {@code system} (each opens its replica of the model). */
    public void start(ActorSystem<?> actorSystem) {
        var pool = Routers.pool(settings.poolSize(),
                        Behaviors.supervise(WorldModelWorker.create(artifact, settings.device(), settings.maxBatch(),
                                settings.maxDelay())).onFailure(SupervisorStrategy.restart()))
                .withRoundRobinRouting()
                .withRouteeProps(DispatcherSelector.fromConfig(DISPATCHER));
        this.router = actorSystem.systemActorOf(pool, "world-model-pool", Props.empty());
        this.system = actorSystem;
    }

    @Override
    public CompletionStage<Prediction> predict(float[] inputs, int[] memberOfRow, int rows) {
        ActorRef<WorldModelWorker.Command> target = router;
        ActorSystem<?> sys = system;
        if (target == null) {
            return CompletableFuture.failedFuture(new EnvException(EnvException.Code.UNAVAILABLE,
                    "the world-model inference pool is not running; retry once the server is serving"));
        }
        CompletionStage<Prediction> reply = AskPattern.askWithStatus(target,
                replyTo -> new WorldModelWorker.Predict(inputs, memberOfRow, rows, replyTo), askTimeout, sys.scheduler());
        return reply.handleAsync((p, error) -> {
            if (error == null) {
                return p;
            }
            Throwable cause = error.getCause() != null && !(error instanceof TimeoutException) ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                throw new EnvException(EnvException.Code.UNAVAILABLE, "the world-model inference pool did not answer "
                        + "within " + askTimeout.toSeconds() + " s (overloaded or shutting down); retry later");
            }
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }, sys.executionContext());
    }
}
