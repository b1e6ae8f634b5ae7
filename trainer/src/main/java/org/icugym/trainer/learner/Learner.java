package org.icugym.trainer.learner;

import ai.djl.Device;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
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
 * It follows the rollout workers listed in the Receptionist: a worker that leaves the listing (its
 * node died) is dropped, a listed worker it does not know yet gets the current weights (or, before
 * it has a network, is asked to register). With {@link WorkerLoss#TOLERATED} (a cluster) a worker
 * whose environment server went away is dropped too and the run carries on with the others;
 * otherwise any worker failure fails the run. Runs as a cluster singleton in a cluster; its state
 * lives in memory, so a restart loses the run since the last checkpoint. Blocks while updating:
 * run it on a blocking dispatcher.
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

    /**
     * {@code worker} could not continue because of {@code reason}; {@code retryable} when its
     * connection failed (a new session may work), false when the environment server refused it.
     */
    public record WorkerFailed(ActorRef<RolloutWorker.Command> worker, String reason, boolean retryable)
            implements Command, CborSerializable {
    }

    /** Asks for the run's progress so far. */
    public record GetProgress(ActorRef<Progress> replyTo) implements Command, CborSerializable {
    }

    /**
     * The run so far: the policy version, updates made, environment steps consumed, and how many
     * batches each worker contributed (by the worker's actor path, which names its node).
     */
    public record Progress(long version, long updates, long globalStep, Map<String, Long> batchesByWorker)
            implements CborSerializable {
        /** Copies the map. */
        public Progress {
            batchesByWorker = Map.copyOf(batchesByWorker);
        }
    }

    /** What a failed rollout worker means for the run. */
    public enum WorkerLoss {
        /** Any worker failure fails the run (one node: nothing would replace the worker). */
        FAILS_RUN,
        /** A worker whose connection failed is dropped and the run goes on; a refused worker still fails it. */
        TOLERATED
    }

    /** The Receptionist's current listing of rollout workers. */
    private record WorkersListed(Set<ActorRef<RolloutWorker.Command>> workers) implements Command {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Learner.class);

    private final PpoSettings settings;
    private final MetricsLog metrics;
    private final CompletableFuture<TrainResult> result;
    private final Checkpoint resumeFrom;
    private final TimeBreakdown times;
    private final WorkerLoss workerLoss;
    private final Set<ActorRef<RolloutWorker.Command>> workers = new LinkedHashSet<>();
    private Set<ActorRef<RolloutWorker.Command>> listed = Set.of();
    private final Map<String, Long> batchesByWorker = new TreeMap<>();
    private final long startNanos = System.nanoTime();
    private double elapsedBefore;
    private ActorCriticNetwork network;
    private PpoUpdate ppo;
    private long version;
    private long globalStep;
    private long updates;
    private int rejected;

    private Learner(ActorContext<Command> context, PpoSettings settings, MetricsLog metrics,
            CompletableFuture<TrainResult> result, Checkpoint resumeFrom, TimeBreakdown times, WorkerLoss workerLoss) {
        super(context);
        this.settings = settings;
        this.metrics = metrics;
        this.result = result;
        this.resumeFrom = resumeFrom;
        this.times = times;
        this.workerLoss = workerLoss;
        context.getSystem().receptionist().tell(Receptionist.subscribe(RolloutWorker.SERVICE_KEY,
                context.messageAdapter(Receptionist.Listing.class, l -> new WorkersListed(l.getServiceInstances(RolloutWorker.SERVICE_KEY)))));
    }

    /** A learner that completes {@code result} when the run ends and writes to {@code metrics}; any worker failure fails the run. */
    public static Behavior<Command> create(PpoSettings settings, MetricsLog metrics, CompletableFuture<TrainResult> result) {
        return create(settings, metrics, result, null, new TimeBreakdown());
    }

    /**
     * A learner that continues from {@code resumeFrom} (null: a new run) and adds its update time to
     * {@code times}; any worker failure fails the run.
     */
    public static Behavior<Command> create(PpoSettings settings, MetricsLog metrics, CompletableFuture<TrainResult> result,
            Checkpoint resumeFrom, TimeBreakdown times) {
        return create(settings, metrics, result, resumeFrom, times, WorkerLoss.FAILS_RUN);
    }

    /** A learner as {@link #create(PpoSettings, MetricsLog, CompletableFuture, Checkpoint, TimeBreakdown)} with the given meaning of a worker failure. */
    public static Behavior<Command> create(PpoSettings settings, MetricsLog metrics, CompletableFuture<TrainResult> result,
            Checkpoint resumeFrom, TimeBreakdown times, WorkerLoss workerLoss) {
        return Behaviors.setup(ctx -> new Learner(ctx, settings, metrics, result, resumeFrom, times, workerLoss));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Register.class, this::onRegister)
                .onMessage(Trajectories.class, this::onTrajectories)
                .onMessage(WorkerFailed.class, this::onWorkerFailed)
                .onMessage(WorkersListed.class, this::onWorkersListed)
                .onMessage(GetProgress.class, this::onGetProgress)
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
        // a worker known already (from the Receptionist's listing) has the weights
        if (workers.add(r.worker())) {
            r.worker().tell(new RolloutWorker.PolicyUpdate(version, network.weights()));
        }
        return this;
    }

    private Behavior<Command> onTrajectories(Trajectories t) {
        TrajectoryBatch b = t.batch();
        workers.add(t.worker());
        // a version above ours was made by a learner before this one resumed from a checkpoint
        if (version - b.policyVersion() > settings.maxStaleness() || b.policyVersion() > version) {
            rejected++;
            t.worker().tell(new RolloutWorker.PolicyUpdate(version, network.weights()));
            return this;
        }
        globalStep += b.size();
        batchesByWorker.merge(t.worker().path().toString(), 1L, Long::sum);
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
        if (workerLoss == WorkerLoss.FAILS_RUN || !f.retryable()) {
            return fail(f.reason());
        }
        workers.remove(f.worker());
        getContext().getLog().warn("a rollout worker failed; carrying on with {} worker(s): {}", workers.size(), f.reason());
        return this;
    }

    private Behavior<Command> onGetProgress(GetProgress g) {
        g.replyTo().tell(new Progress(version, updates, globalStep, batchesByWorker));
        return this;
    }

    private Behavior<Command> onWorkersListed(WorkersListed l) {
        Set<ActorRef<RolloutWorker.Command>> gone = new HashSet<>(listed);
        gone.removeAll(l.workers());
        if (workers.removeAll(gone)) {
            getContext().getLog().warn("{} rollout worker(s) left the cluster; carrying on with {}", gone.size(), workers.size());
        }
        listed = l.workers();
        byte[] weights = null;
        for (ActorRef<RolloutWorker.Command> w : listed) {
            if (network == null) {
                // workers that were waiting for a learner before this one started
                w.tell(RolloutWorker.RegisterAgain.INSTANCE);
            } else if (workers.add(w)) {
                weights = weights == null ? network.weights() : weights;
                w.tell(new RolloutWorker.PolicyUpdate(version, weights));
            }
        }
        return this;
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
