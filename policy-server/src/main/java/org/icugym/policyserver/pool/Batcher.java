package org.icugym.policyserver.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.icugym.agent.PolicyOutput;
import org.icugym.agent.PolicyWeights;
import org.icugym.core.env.EnvException;

/**
 * Dynamic batching for one model: queues Act requests, runs them as one batch on a free
 * {@link PolicyWorker} once {@code maxBatchSize} rows wait or the oldest waited {@code maxDelay},
 * and splits the outputs back to each caller. Owns the model's workers (its children) and its
 * current {@link ModelVersion}; a {@link Swap} replaces the version for every batch sent after it,
 * while batches already running finish on the old one, so no request is dropped and each caller
 * sees non-decreasing versions.
 *
 * <p>Limits: at most {@code maxQueue} requests wait (more answer RESOURCE_EXHAUSTED); requests of a
 * batch whose worker crashed answer UNAVAILABLE. Waiting requests are lost if the batcher stops.
 */
public final class Batcher extends AbstractBehavior<Batcher.Command> {

    /** What a batcher understands. */
    public sealed interface Command permits Act, Swap, Flush, PolicyWorker.BatchDone, PolicyWorker.BatchFailed {}

    /**
     * Acts on observation rows.
     *
     * @param observations {@code rows × d} values, d = the model's observation size
     * @param rows number of rows (>= 1)
     * @param deterministic argmax (true) or sample (false) for every row
     * @param replyTo gets the rows' outputs or a typed error
     */
    public record Act(float[] observations, int rows, boolean deterministic, ActorRef<StatusReply<Acted>> replyTo)
            implements Command {}

    /**
     * The answer to {@link Act}: the outputs of its rows, the version that produced them and that
     * version's weights (planners read their settings from them).
     */
    public record Acted(String modelId, long version, PolicyWeights weights, PolicyOutput output) {}

    /** Serves {@code next} from the next batch on; answers once swapped. */
    public record Swap(ModelVersion next, ActorRef<Done> replyTo) implements Command {}

    private enum Flush implements Command { INSTANCE }

    /**
     * Batching limits.
     *
     * @param maxBatchSize rows that make a full batch
     * @param maxDelay longest wait of the oldest request before its batch runs
     * @param maxQueue waiting requests beyond this answer RESOURCE_EXHAUSTED
     */
    public record Limits(int maxBatchSize, Duration maxDelay, int maxQueue) {}

    private record Pending(Act act, long enqueuedNanos) {}

    private record InFlight(List<Pending> requests, ModelVersion model) {}

    private final TimerScheduler<Command> timers;
    private final Limits limits;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ArrayDeque<ActorRef<PolicyWorker.Command>> idle = new ArrayDeque<>();
    private final Map<Long, InFlight> inFlight = new HashMap<>();
    private ModelVersion current;
    private int queuedRows;
    private boolean overdue;
    private long nextBatchId;

    /**
     * A batcher serving {@code initial} with workers on the given devices.
     *
     * @param initial the first version served
     * @param devices one worker per entry (repeat a device for several replicas on it)
     * @param opener opens replicas
     * @param limits batching limits
     * @param workerDispatcher config path of the blocking dispatcher workers run on
     */
    public static Behavior<Command> create(ModelVersion initial, List<String> devices, PolicyOpener opener,
            Limits limits, String workerDispatcher) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new Batcher(ctx, timers, initial, devices, opener, limits, workerDispatcher)));
    }

    private Batcher(ActorContext<Command> context, TimerScheduler<Command> timers, ModelVersion initial,
            List<String> devices, PolicyOpener opener, Limits limits, String workerDispatcher) {
        super(context);
        this.timers = timers;
        this.current = initial;
        this.limits = limits;
        for (int i = 0; i < devices.size(); i++) {
            String device = devices.get(i);
            idle.add(context.spawn(PolicyWorker.create(device, opener, i * 7919L + 17),
                    "worker-" + i + "-" + device.replace(':', '-'), DispatcherSelector.fromConfig(workerDispatcher)));
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Act.class, this::onAct)
                .onMessage(Swap.class, this::onSwap)
                .onMessageEquals(Flush.INSTANCE, this::onFlush)
                .onMessage(PolicyWorker.BatchDone.class, this::onDone)
                .onMessage(PolicyWorker.BatchFailed.class, this::onFailed)
                .build();
    }

    private Behavior<Command> onAct(Act act) {
        int d = current.weights().observationSize();
        if (act.rows() < 1 || act.observations().length != act.rows() * d) {
            act.replyTo().tell(StatusReply.error(EnvException.invalidArgument("model " + current.modelId()
                    + " takes observations of shape [n, " + d + "]; got " + act.observations().length + " values for "
                    + act.rows() + " row(s)")));
            return this;
        }
        if (queue.size() >= limits.maxQueue()) {
            act.replyTo().tell(StatusReply.error(EnvException.resourceExhausted("model " + current.modelId() + " has "
                    + queue.size() + " requests waiting (max-queue " + limits.maxQueue()
                    + "): retry with backoff, send fewer concurrent requests, or add workers")));
            return this;
        }
        queue.add(new Pending(act, System.nanoTime()));
        queuedRows += act.rows();
        if (queue.size() == 1 && limits.maxDelay().toNanos() > 0) {
            timers.startSingleTimer(Flush.INSTANCE, limits.maxDelay());
        }
        return dispatch();
    }

    private Behavior<Command> onSwap(Swap swap) {
        current = swap.next();
        swap.replyTo().tell(Done.getInstance());
        return this;
    }

    private Behavior<Command> onFlush() {
        overdue = !queue.isEmpty();
        return dispatch();
    }

    /** Sends batches to free workers while a full batch waits or the oldest request is due. */
    private Behavior<Command> dispatch() {
        while (!idle.isEmpty() && !queue.isEmpty() && ready()) {
            sendBatch(idle.poll());
            overdue = false;
        }
        if (!queue.isEmpty() && !timers.isTimerActive(Flush.INSTANCE) && limits.maxDelay().toNanos() > 0) {
            long waited = System.nanoTime() - queue.peek().enqueuedNanos();
            long left = Math.max(0, limits.maxDelay().toNanos() - waited);
            timers.startSingleTimer(Flush.INSTANCE, Duration.ofNanos(Math.max(left, 100_000)));
        }
        return this;
    }

    private boolean ready() {
        return queuedRows >= limits.maxBatchSize() || overdue
                || System.nanoTime() - queue.peek().enqueuedNanos() >= limits.maxDelay().toNanos();
    }

    private void sendBatch(ActorRef<PolicyWorker.Command> worker) {
        List<Pending> batch = new ArrayList<>();
        int rows = 0;
        while (!queue.isEmpty() && (batch.isEmpty() || rows + queue.peek().act().rows() <= limits.maxBatchSize())) {
            Pending p = queue.poll();
            batch.add(p);
            rows += p.act().rows();
        }
        queuedRows -= rows;
        int d = current.weights().observationSize();
        float[] obs = new float[rows * d];
        boolean[] det = new boolean[rows];
        int row = 0;
        for (Pending p : batch) {
            System.arraycopy(p.act().observations(), 0, obs, row * d, p.act().rows() * d);
            java.util.Arrays.fill(det, row, row + p.act().rows(), p.act().deterministic());
            row += p.act().rows();
        }
        long id = nextBatchId++;
        inFlight.put(id, new InFlight(batch, current));
        worker.tell(new PolicyWorker.Run(id, current, obs, rows, det, getContext().getSelf()));
    }

    private Behavior<Command> onDone(PolicyWorker.BatchDone done) {
        InFlight batch = inFlight.remove(done.batchId());
        idle.add(done.worker());
        PolicyOutput out = done.output();
        int a = out.numActions();
        int row = 0;
        for (Pending p : batch.requests()) {
            int n = p.act().rows();
            PolicyOutput slice = new PolicyOutput(
                    java.util.Arrays.copyOfRange(out.actions(), row, row + n),
                    java.util.Arrays.copyOfRange(out.logProbs(), row, row + n),
                    java.util.Arrays.copyOfRange(out.values(), row, row + n),
                    java.util.Arrays.copyOfRange(out.probs(), row * a, (row + n) * a), a);
            p.act().replyTo().tell(StatusReply.success(new Acted(batch.model().modelId(), done.version(),
                    batch.model().weights(), slice)));
            row += n;
        }
        return dispatch();
    }

    private Behavior<Command> onFailed(PolicyWorker.BatchFailed failed) {
        InFlight batch = inFlight.remove(failed.batchId());
        idle.add(failed.worker());
        getContext().getLog().warn("{}; the worker restarts and {} request(s) answer UNAVAILABLE", failed.reason(),
                batch.requests().size());
        for (Pending p : batch.requests()) {
            p.act().replyTo().tell(StatusReply.error(new EnvException(EnvException.Code.UNAVAILABLE,
                    "the worker serving this request crashed and is restarting (" + failed.reason() + "): retry")));
        }
        return dispatch();
    }
}
