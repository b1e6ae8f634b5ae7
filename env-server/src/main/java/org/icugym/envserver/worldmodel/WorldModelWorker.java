package org.icugym.envserver.worldmodel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.inference.Prediction;
import org.icugym.worldmodel.inference.WorldModel;

/**
 * One world-model inference worker: owns a model replica and merges the predict requests of many
 * sessions into one forward pass.
 *
 * <p>Why an actor: a {@link WorldModel} is not thread-safe and a forward pass has a large fixed
 * cost (~50-100 µs of JNI and dispatch), so requests are queued and flushed together — when the
 * waiting rows reach {@code maxBatch}, or {@code maxDelay} after the first waiting request. Runs
 * on a dedicated dispatcher because the forward pass blocks its thread. Owns its model's native
 * memory (closed when it stops). Limits: requests waiting in a stopped worker are lost (their
 * sessions' asks time out); a failed forward pass fails every request of that batch, not the worker.
 */
public final class WorldModelWorker extends AbstractBehavior<WorldModelWorker.Command> {

    /** Messages a worker understands. */
    public sealed interface Command {}

    /**
     * Predicts {@code rows} encoded rows, each with its member.
     *
     * @param inputs {@code rows × inputSize} encoded rows
     * @param memberOfRow the member of each row
     * @param rows number of rows
     * @param replyTo receives the prediction of these rows, or the error
     */
    public record Predict(float[] inputs, int[] memberOfRow, int rows, ActorRef<StatusReply<Prediction>> replyTo)
            implements Command {}

    private enum Flush implements Command { INSTANCE }

    private final WorldModel model;
    private final int maxBatch;
    private final Duration maxDelay;
    private final TimerScheduler<Command> timers;
    private final List<Predict> waiting = new ArrayList<>();
    private int waitingRows;

    private WorldModelWorker(ActorContext<Command> context, TimerScheduler<Command> timers, WorldModel model,
            int maxBatch, Duration maxDelay) {
        super(context);
        this.timers = timers;
        this.model = model;
        this.maxBatch = maxBatch;
        this.maxDelay = maxDelay;
    }

    /**
     * A worker that opens its own replica of {@code artifact} on {@code device} when it starts.
     *
     * @param maxBatch flush once this many rows wait
     * @param maxDelay flush at the latest this long after the first waiting request
     */
    public static Behavior<Command> create(WorldModelArtifact artifact, String device, int maxBatch, Duration maxDelay) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new WorldModelWorker(context, timers, WorldModel.open(artifact, device), maxBatch, maxDelay)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Predict.class, this::onPredict)
                .onMessage(Flush.class, f -> flush())
                .onSignal(PostStop.class, s -> onStop())
                .build();
    }

    private Behavior<Command> onPredict(Predict msg) {
        if (waiting.isEmpty()) {
            timers.startSingleTimer(Flush.INSTANCE, maxDelay);
        }
        waiting.add(msg);
        waitingRows += msg.rows();
        return waitingRows >= maxBatch ? flush() : this;
    }

    private Behavior<Command> flush() {
        timers.cancel(Flush.INSTANCE);
        if (waiting.isEmpty()) {
            return this;
        }
        List<Predict> batch = List.copyOf(waiting);
        int rows = waitingRows;
        waiting.clear();
        waitingRows = 0;
        int width = model.encoding().inputSize();
        float[] inputs = new float[rows * width];
        int[] members = new int[rows];
        int at = 0;
        for (Predict p : batch) {
            System.arraycopy(p.inputs(), 0, inputs, at * width, p.rows() * width);
            System.arraycopy(p.memberOfRow(), 0, members, at, p.rows());
            at += p.rows();
        }
        try {
            Prediction all = model.predict(members, inputs, rows);
            at = 0;
            for (Predict p : batch) {
                p.replyTo().tell(StatusReply.success(slice(all, at, p.rows())));
                at += p.rows();
            }
        } catch (RuntimeException e) {
            getContext().getLog().error("world-model forward pass of {} rows failed", rows, e);
            for (Predict p : batch) {
                p.replyTo().tell(StatusReply.error(e));
            }
        }
        return this;
    }

    private static Prediction slice(Prediction all, int from, int rows) {
        if (from == 0 && rows == all.rows()) {
            return all;
        }
        int f = all.featureCount();
        float[] mean = new float[rows * f];
        float[] std = new float[rows * f];
        System.arraycopy(all.mean(), from * f, mean, 0, rows * f);
        System.arraycopy(all.std(), from * f, std, 0, rows * f);
        float[] vent = new float[rows];
        float[] end = new float[rows];
        float[] death = new float[rows];
        System.arraycopy(all.ventilation(), from, vent, 0, rows);
        System.arraycopy(all.end(), from, end, 0, rows);
        System.arraycopy(all.death(), from, death, 0, rows);
        return new Prediction(rows, f, mean, std, vent, end, death);
    }

    private Behavior<Command> onStop() {
        model.close();
        return this;
    }
}
