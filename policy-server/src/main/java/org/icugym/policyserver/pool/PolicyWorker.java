package org.icugym.policyserver.pool;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.icugym.agent.Policy;
import org.icugym.agent.PolicyOutput;
import org.icugym.core.random.Rng;

/**
 * One model replica on one device: runs the forward pass of each batch its {@link Batcher} sends
 * and answers with the outputs and the version that produced them.
 *
 * <p>Each batch carries the model version to use; a worker whose replica is older loads the new
 * weights first, so a swap needs no message of its own and never races a batch. A forward pass
 * that throws answers {@link BatchFailed} (its callers get UNAVAILABLE) and then crashes the
 * worker, which is restarted with no replica loaded (the next batch loads one). Runs on the
 * blocking worker dispatcher. Owns the native memory of its replica; nothing else survives a restart.
 */
public final class PolicyWorker extends AbstractBehavior<PolicyWorker.Command> {

    /** What a worker understands. */
    public sealed interface Command {}

    /**
     * Runs one batch.
     *
     * @param batchId the batcher's id of the batch
     * @param model the model version to run
     * @param observations {@code rows × d} values
     * @param rows number of rows
     * @param deterministic per row: argmax or sample
     * @param replyTo the batcher
     */
    public record Run(long batchId, ModelVersion model, float[] observations, int rows, boolean[] deterministic,
            ActorRef<Batcher.Command> replyTo) implements Command {}

    /** The answer to {@link Run}: the outputs and the version that produced them. */
    public record BatchDone(long batchId, ActorRef<Command> worker, long version, PolicyOutput output)
            implements Batcher.Command {}

    /** The answer to a {@link Run} whose forward pass failed; the worker restarts. */
    public record BatchFailed(long batchId, ActorRef<Command> worker, String reason) implements Batcher.Command {}

    private final String device;
    private final PolicyOpener opener;
    private final Rng rng;
    private Policy replica;
    private long loadedVersion = -1;

    /**
     * A worker on {@code device}, restarted when a forward pass fails.
     *
     * @param device device name ({@code cpu}, {@code cuda:N})
     * @param opener opens replicas
     * @param seed seed of the sampling stream
     */
    public static Behavior<Command> create(String device, PolicyOpener opener, long seed) {
        return Behaviors.<Command>supervise(Behaviors.setup(ctx -> new PolicyWorker(ctx, device, opener, seed)))
                .onFailure(RuntimeException.class, SupervisorStrategy.restart());
    }

    private PolicyWorker(ActorContext<Command> context, String device, PolicyOpener opener, long seed) {
        super(context);
        this.device = device;
        this.opener = opener;
        this.rng = new Rng(seed);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Run.class, this::onRun)
                .onSignal(PreRestart.class, s -> release())
                .onSignal(PostStop.class, s -> release())
                .build();
    }

    private Behavior<Command> onRun(Run run) {
        try {
            if (loadedVersion != run.model().version() || replica == null) {
                load(run.model());
            }
            PolicyOutput out = replica.act(run.observations(), run.rows(), run.deterministic(), rng);
            run.replyTo().tell(new BatchDone(run.batchId(), getContext().getSelf(), loadedVersion, out));
            return this;
        } catch (RuntimeException e) {
            run.replyTo().tell(new BatchFailed(run.batchId(), getContext().getSelf(),
                    "model " + run.model().modelId() + " v" + run.model().version() + " failed on " + device + ": " + e));
            throw e;
        }
    }

    private void load(ModelVersion model) {
        Policy next = opener.open(model.weights(), device);
        if (replica != null) {
            replica.close();
        }
        replica = next;
        loadedVersion = model.version();
        getContext().getLog().debug("loaded {} v{} on {}", model.modelId(), model.version(), device);
    }

    private Behavior<Command> release() {
        if (replica != null) {
            replica.close();
            replica = null;
        }
        return this;
    }
}
