package org.icugym.trainer.cluster;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.icugym.trainer.learner.Learner;
import org.icugym.trainer.ppo.PpoSettings;
import org.icugym.trainer.rollout.RolloutException;
import org.icugym.trainer.rollout.RolloutWorker;

/**
 * The rollout workers of one cluster node. Each worker is restarted with a backoff (1 s to 10 s)
 * when its session fails, for example when its environment server went away: the restarted worker
 * opens a new session, registers with the learner again and gets the current weights. The node
 * stops once every worker has stopped, which happens when the learner ends the run. Owns only its
 * children; nothing survives the node.
 */
public final class RolloutNode extends AbstractBehavior<RolloutNode.Command> {
    /** Messages of a rollout node: none from outside; it only watches its workers. */
    public interface Command {
    }

    private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private int running;

    private RolloutNode(ActorContext<Command> context, PpoSettings settings, ActorRef<Learner.Command> learner,
            int workers, int firstIndex) {
        super(context);
        for (int w = 0; w < workers; w++) {
            Behavior<RolloutWorker.Command> worker = Behaviors.supervise(RolloutWorker.create(settings, firstIndex + w, learner))
                    .onFailure(RolloutException.class, SupervisorStrategy.restartWithBackoff(MIN_BACKOFF, MAX_BACKOFF, 0.2));
            context.watch(context.spawn(worker, "rollout-" + (firstIndex + w), DispatcherSelector.blocking()));
            running++;
        }
    }

    /** {@code workers} rollout workers with indices from {@code firstIndex}, reporting to {@code learner}. */
    public static Behavior<Command> create(PpoSettings settings, ActorRef<Learner.Command> learner, int workers,
            int firstIndex) {
        return Behaviors.setup(ctx -> new RolloutNode(ctx, settings, learner, workers, firstIndex));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onSignal(ChildFailed.class, this::onWorkerFailed)
                .onSignal(Terminated.class, this::onWorkerStopped)
                .build();
    }

    private Behavior<Command> onWorkerFailed(ChildFailed f) {
        getContext().getLog().error("rollout worker {} failed and is not restarted: {}", f.getRef().path().name(),
                f.getCause().toString());
        return onWorkerStopped(f);
    }

    private Behavior<Command> onWorkerStopped(Terminated t) {
        running--;
        return running == 0 ? Behaviors.stopped() : this;
    }
}
