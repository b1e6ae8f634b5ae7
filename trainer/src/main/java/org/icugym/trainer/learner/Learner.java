package org.icugym.trainer.learner;

import ai.djl.Device;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.icugym.core.random.Rng;
import org.icugym.trainer.CborSerializable;
import org.icugym.trainer.checkpoint.Checkpoint;
import org.icugym.trainer.checkpoint.CheckpointStore;
import org.icugym.trainer.ppo.ActorCriticNetwork;
import org.icugym.trainer.ppo.PpoSettings;
import org.icugym.trainer.ppo.PpoUpdate;
import org.icugym.trainer.ppo.Seeds;
import org.icugym.trainer.ppo.TrajectoryBatch;
import org.icugym.trainer.rollout.RolloutWorker;
import org.icugym.trainer.run.MetricsLog;
import org.icugym.trainer.run.TimeBreakdown;
import org.icugym.trainer.run.TrainResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learner: owns the trained actor-critic, its Adam state and the policy version. Rollout
 * workers register with it; it updates the policy with PPO on each trajectory batch that is at
 * most {@code maxStaleness} versions old (older ones are rejected and their worker gets the
 * current weights), then sends the new weights to every worker. After {@code totalSteps / batchSize} updates
 * (as CleanRL's {@code num_iterations}) it completes the run's result and stops the workers. Every
 * {@code checkpointEvery} updates (and after the last) it writes a {@link Checkpoint} (weights, Adam
 * state, counters, metrics length) into the output folder; started from one, it continues the run.
 * Meant to run as a cluster singleton; its state lives in memory, so a restart loses the run since
 * the last checkpoint. Blocks while updating: run it on a blocking dispatcher.
 */
public final class Learner extends AbstractBehavior<Learner.Command> {
    /** Messages of the learner. */
    public sealed interface Command {
    }

    /** A worker joins; it acts on observations of width {@code obsDim} with {@code numActions} actions. */
    public record Register(ActorRef<RolloutWorker.Command> worker, int obsDim, int numActions)
            implements Command, CborSerializable {
    }

    /** A rollout from {@code worker}. */
    public record Trajectories(ActorRef<RolloutWorker.Command> worker, TrajectoryBatch batch)
            implements Command, CborSerializable {
    }

    /** A worker could not continue; the run fails with {@code reason}. */
    public record WorkerFailed(String reason) implements Command, CborSerializable {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Learner.class);

    private final PpoSettings settings;
    private final MetricsLog metrics;
    private final CompletableFuture<TrainResult> result;
    private final Checkpoint resumeFrom;
    private final TimeBreakdown times;
    private final Set<ActorRef<RolloutWorker.Command>> workers = new LinkedHashSet<>();
    private final long startNanos = System.nanoTime();
    private double elapsedBefore;
    private ActorCriticNetwork network;
    private PpoUpdate ppo;
    private long version;
    private long globalStep;
    private long updates;
    private int rejected;

    private Learner(ActorContext<Command> context, PpoSettings settings, MetricsLog metrics,
            CompletableFuture<TrainResult> result, Checkpoint resumeFrom, TimeBreakdown times) {
        super(context);
        this.settings = settings;
        this.metrics = metrics;
        this.result = result;
        this.resumeFrom = resumeFrom;
        this.times = times;
    }

    /** A learner that completes {@code result} when the run ends and writes to {@code metrics}. */
    public static Behavior<Command> create(PpoSettings settings, MetricsLog metrics, CompletableFuture<TrainResult> result) {
        return create(settings, metrics, result, null, new TimeBreakdown());
    }

    /**
     * A learner that continues from {@code resumeFrom} (null: a new run) and adds its update time to
     * {@code times}.
     */
    public static Behavior<Command> create(PpoSettings settings, MetricsLog metrics, CompletableFuture<TrainResult> result,
            Checkpoint resumeFrom, TimeBreakdown times) {
        return Behaviors.setup(ctx -> new Learner(ctx, settings, metrics, result, resumeFrom, times));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Register.class, this::onRegister)
                .onMessage(Trajectories.class, this::onTrajectories)
                .onMessage(WorkerFailed.class, this::onWorkerFailed)
                .onSignal(PostStop.class, s -> onPostStop())
                .build();
    }

    private Behavior<Command> onRegister(Register r) {
        if (network == null) {
            network = new ActorCriticNetwork(r.obsDim(), r.numActions(), settings.hidden(), settings.seed(),
                    Device.fromName(settings.device()));
            ppo = new PpoUpdate(network, settings, new Rng(settings.seed() ^ 0x5DEECE66DL));
            if (resumeFrom != null) {
                restore(resumeFrom);
            }
        } else if (r.obsDim() != network.obsDim() || r.numActions() != network.numActions()) {
            return fail("a worker acts on observations of width " + r.obsDim() + " with " + r.numActions()
                    + " actions but the policy has " + network.obsDim() + " and " + network.numActions()
                    + "; all workers must run the same environment");
        }
        workers.add(r.worker());
        r.worker().tell(new RolloutWorker.PolicyUpdate(version, network.weights()));
        return this;
    }

    private Behavior<Command> onTrajectories(Trajectories t) {
        TrajectoryBatch b = t.batch();
        if (version - b.policyVersion() > settings.maxStaleness()) {
            rejected++;
            t.worker().tell(new RolloutWorker.PolicyUpdate(version, network.weights()));
            return this;
        }
        globalStep += b.size();
        for (int e = 0; e < b.episodeReturns().length; e++) {
            metrics.episode(globalStep, b.episodeReturns()[e], b.episodeLengths()[e]);
        }
        updates++;
        double lr = PpoUpdate.learningRate(settings, updates, settings.numUpdates());
        long t0 = System.nanoTime();
        PpoUpdate.Metrics m = ppo.update(b, lr, new Rng(Seeds.minibatchOrder(settings.seed(), updates)));
        times.learn(System.nanoTime() - t0);
        version++;
        double sps = globalStep / elapsedSeconds();
        metrics.update(globalStep, updates, m, sps);
        boolean last = updates >= settings.numUpdates();
        if (settings.checkpointEvery() > 0 && (updates % settings.checkpointEvery() == 0 || last)) {
            try {
                checkpoint();
            } catch (org.icugym.trainer.checkpoint.CheckpointException | java.io.UncheckedIOException e) {
                return fail(e.getMessage());
            }
        }
        if (last) {
            result.complete(new TrainResult(globalStep, updates, rejected, sps, metrics.episodes(), network.weights(),
                    times.totals()));
            workers.forEach(w -> w.tell(RolloutWorker.Stop.INSTANCE));
            return Behaviors.stopped();
        }
        byte[] weights = network.weights();
        workers.forEach(w -> w.tell(new RolloutWorker.PolicyUpdate(version, weights)));
        return this;
    }

    private double elapsedSeconds() {
        return elapsedBefore + (System.nanoTime() - startNanos) / 1e9;
    }

    private void restore(Checkpoint c) {
        network.load(c.weights());
        ppo.optimizer().restore(c.optimizer());
        updates = c.update();
        version = c.policyVersion();
        globalStep = c.globalStep();
        rejected = c.rejected();
        elapsedBefore = c.elapsedSeconds();
        LOG.info("resumed at update {} (global step {})", updates, globalStep);
    }

    private void checkpoint() {
        Checkpoint c = new Checkpoint(updates, globalStep, version, rejected, metrics.sync(), elapsedSeconds(),
                network.weights(), ppo.optimizer().state(), settings.asMap());
        LOG.info("checkpoint {}", CheckpointStore.save(settings.outDir(), c));
    }

    private Behavior<Command> onWorkerFailed(WorkerFailed f) {
        return fail(f.reason());
    }

    private Behavior<Command> fail(String reason) {
        result.completeExceptionally(new IllegalStateException("training stopped: " + reason));
        workers.forEach(w -> w.tell(RolloutWorker.Stop.INSTANCE));
        return Behaviors.stopped();
    }

    private Behavior<Command> onPostStop() {
        if (!result.isDone()) {
            result.completeExceptionally(new IllegalStateException("the learner stopped before the run ended"));
        }
        if (network != null) {
            network.close();
        }
        return this;
    }
}
