package org.icugym.trainer.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.icugym.trainer.checkpoint.Checkpoint;
import org.icugym.trainer.checkpoint.CheckpointStore;
import org.icugym.trainer.learner.Learner;
import org.icugym.trainer.ppo.PpoSettings;
import org.icugym.trainer.run.LearningCurve;
import org.icugym.trainer.run.MetricsLog;
import org.icugym.trainer.run.TimeBreakdown;
import org.icugym.trainer.run.TrainResult;

/**
 * One node of a training cluster: an actor system (named {@value NodeSettings#SYSTEM_NAME}) that
 * joins the cluster and, by its roles, may host the {@link Learner} as a cluster singleton
 * ({@code learner}) and runs {@link RolloutNode}'s workers ({@code rollout}). Every node reaches the
 * learner through a singleton proxy; the learner finds the workers through the Receptionist.
 *
 * <p>When the learner starts on a node, it resumes from the newest checkpoint in the run's output
 * folder if there is one (and truncates {@code metrics.jsonl} to it): so when the learner's node
 * dies, the singleton starts again on the next node with role {@code learner} and continues from
 * the last checkpoint, provided the nodes share the output folder. A rollout-only node terminates
 * once its workers have stopped at the end of the run.
 */
public final class TrainerNode implements AutoCloseable {
    private final ActorSystem<Void> system;
    private final PpoSettings settings;
    private final CompletableFuture<TrainResult> result = new CompletableFuture<>();
    private final CompletionStage<TrainResult> finished;
    private volatile MetricsLog metrics;

    private TrainerNode(PpoSettings settings, NodeSettings node, Config config) {
        this.settings = settings;
        this.finished = result.thenApply(r -> {
            if (settings.outDir() != null) {
                LearningCurve.write(settings.outDir().resolve("learning_curve.png"),
                        settings.envId() + "  seed " + settings.seed() + "  (cluster)", r.episodes(), settings.totalSteps());
            }
            return r;
        });
        this.system = ActorSystem.create(guardian(node), NodeSettings.SYSTEM_NAME, config);
        if (node.seedNodes().isEmpty()) {
            Cluster cluster = Cluster.get(system);
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        }
        system.getWhenTerminated().thenRun(() -> {
            result.completeExceptionally(new IllegalStateException("this node stopped before the run ended here"));
            MetricsLog m = metrics;
            if (m != null) {
                m.close();
            }
        });
    }

    /**
     * Starts a node with {@code node}'s address, roles and seeds over the cluster defaults
     * ({@code icugym-trainer-cluster.conf}) over {@code base}; the node joins the cluster by itself.
     * The first learner node of a new run ({@code resume} false, no seed nodes) refuses an output
     * folder that holds checkpoints already.
     *
     * @throws IllegalArgumentException if such a folder would be resumed by mistake
     */
    public static TrainerNode start(PpoSettings settings, NodeSettings node, Config base, boolean resume) {
        if (!resume && node.learner() && node.seedNodes().isEmpty() && settings.outDir() != null
                && CheckpointStore.latest(settings.outDir()).isPresent()) {
            throw new IllegalArgumentException(settings.outDir() + " holds checkpoints of an earlier run; resume it"
                    + " (--resume) or give another output folder");
        }
        Config config = node.toConfig()
                .withFallback(ConfigFactory.parseResources("icugym-trainer-cluster.conf"))
                .withFallback(base)
                .resolve();
        return new TrainerNode(settings, node, config);
    }

    private Behavior<Void> guardian(NodeSettings node) {
        return Behaviors.setup(ctx -> {
            ActorRef<Learner.Command> learner = learner(ctx.getSystem());
            if (node.rollout()) {
                ctx.watch(ctx.spawn(RolloutNode.create(settings, learner, node.workers(), node.firstWorkerIndex()), "rollout"));
            }
            return Behaviors.receive(Void.class).onSignal(Terminated.class, t -> Behaviors.stopped()).build();
        });
    }

    /** The learner singleton (a proxy to it), started here when this is the oldest node with role {@code learner}. */
    private ActorRef<Learner.Command> learner(ActorSystem<?> sys) {
        return ClusterSingleton.get(sys).init(SingletonActor.of(learnerHere(), "learner")
                .withProps(DispatcherSelector.blocking())
                .withSettings(ClusterSingletonSettings.create(sys).withRole(NodeSettings.LEARNER)));
    }

    /** The learner as it starts on this node: from the newest checkpoint if there is one. */
    private Behavior<Learner.Command> learnerHere() {
        return Behaviors.setup(ctx -> {
            Checkpoint from = settings.outDir() == null ? null : CheckpointStore.loadLatest(settings.outDir()).orElse(null);
            MetricsLog log = new MetricsLog(settings.outDir(), settings.totalSteps(), from == null ? -1 : from.metricsBytes());
            MetricsLog before = metrics;
            metrics = log;
            if (before != null) {
                before.close();
            }
            if (from == null) {
                log.hyperparameters(settings.asMap());
            } else {
                log.logHyperparameters(settings.asMap());
                ctx.getLog().info("the learner resumes from the checkpoint of update {} (global step {})", from.update(),
                        from.globalStep());
            }
            return Learner.create(settings, log, result, from, new TimeBreakdown(), Learner.WorkerLoss.TOLERATED);
        });
    }

    /** Asks the learner, wherever it runs, for the run's progress. */
    public CompletionStage<Learner.Progress> progress(Duration timeout) {
        return AskPattern.ask(learner(system), Learner.GetProgress::new, timeout, system.scheduler());
    }

    /**
     * The run's result, completed on the node whose learner finished the run (and written as
     * {@code learning_curve.png} into the output folder); fails when the node stops first.
     */
    public CompletionStage<TrainResult> result() {
        return finished;
    }

    /** The episodes the learner on this node has seen so far (none on a node where the learner never ran). */
    public List<TrainResult.Episode> episodes() {
        MetricsLog m = metrics;
        return m == null ? List.of() : m.episodes();
    }

    /** This node's cluster address, for example to give it as a seed node. */
    public Address address() {
        return Cluster.get(system).selfMember().address();
    }

    /** The node's actor system. */
    public ActorSystem<Void> system() {
        return system;
    }

    /** Completes when the node's actor system has terminated. */
    public CompletionStage<Done> whenTerminated() {
        return system.getWhenTerminated();
    }

    /** Leaves the cluster (handing the learner over if it runs here) and terminates the node. */
    @Override
    public void close() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
