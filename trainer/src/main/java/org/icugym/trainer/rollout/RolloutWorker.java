package org.icugym.trainer.rollout;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.icugym.core.random.Rng;
import org.icugym.proto.v1.AutoresetMode;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.EnvSpec;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.SessionRequest;
import org.icugym.proto.v1.SessionResponse;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;
import org.icugym.trainer.CborSerializable;
import org.icugym.trainer.learner.Learner;
import org.icugym.trainer.ppo.ActorCriticNetwork;
import org.icugym.trainer.ppo.PpoSettings;
import org.icugym.trainer.ppo.Seeds;
import org.icugym.trainer.ppo.TrajectoryBatch;
import org.icugym.trainer.run.TimeBreakdown;

/**
 * A rollout worker: drives one vectorised session of {@code numEnvs} environments over a gRPC
 * {@code Session} stream (autoreset {@code SAME_STEP}, so every step is a real transition), acts
 * with its local copy of the policy and sends each rollout of {@code numSteps} steps to the
 * learner, tagged with the policy version. It then waits for new weights before the next
 * rollout. It registers itself with the Receptionist under {@link #SERVICE_KEY}, so a learner on
 * another cluster node finds it. When the session fails it tells the learner and throws a
 * {@link RolloutException}: its parent's supervision decides whether it stops or starts over.
 * Owns the stream and the policy copy; on restart both are rebuilt and the rollout in progress is
 * lost (the environments start new episodes).
 */
public final class RolloutWorker extends AbstractBehavior<RolloutWorker.Command> {
    /** Under this key every rollout worker is listed in the Receptionist. */
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "icugym-rollout-worker");

    /** Messages of a rollout worker. */
    public sealed interface Command {
    }

    /** New policy weights from the learner. */
    public record PolicyUpdate(long version, byte[] weights) implements Command, CborSerializable {
    }

    /** Asks the worker to register with the learner again (a new learner that has not met it). */
    public enum RegisterAgain implements Command, CborSerializable { INSTANCE }

    /** Ends the worker and its session stream. */
    public enum Stop implements Command, CborSerializable { INSTANCE }

    private record Answered(SessionResponse response, Throwable failure) implements Command {
    }

    private final PpoSettings settings;
    private final ActorRef<Learner.Command> learner;
    private final SessionStream stream;
    private final int index;
    private final TimeBreakdown times;
    private Rng rng;
    private String sessionId;
    private ObservationCodec codec;
    private ActorCriticNetwork policy;
    private long version = -1;
    private byte[] pendingWeights;
    private long pendingVersion = -1;
    private boolean stepping;
    private boolean resetting;
    private long sentNanos;
    private float[] obs;
    private Rollout rollout;
    private float[] episodeReturn;
    private int[] episodeLength;

    private RolloutWorker(ActorContext<Command> context, PpoSettings settings, int index, ActorRef<Learner.Command> learner,
            TimeBreakdown times) {
        super(context);
        this.settings = settings;
        this.learner = learner;
        this.index = index;
        this.times = times;
        context.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, context.getSelf()));
        this.stream = new SessionStream(settings.envServerHost(), settings.envServerPort(), context.getSystem());
        send(SessionRequest.newBuilder().setCreate(CreateSessionRequest.newBuilder().setEnvId(settings.envId())
                .setNumEnvs(settings.numEnvs()).setSeed(Seeds.envReset(settings.seed(), index, settings.numEnvs(), 0))
                .setAutoresetMode(AutoresetMode.AUTORESET_MODE_SAME_STEP)));
    }

    /** A worker with index {@code index} (which offsets its seeds) reporting to {@code learner}. */
    public static Behavior<Command> create(PpoSettings settings, int index, ActorRef<Learner.Command> learner) {
        return create(settings, index, learner, new TimeBreakdown());
    }

    /** A worker as {@link #create(PpoSettings, int, ActorRef)} that adds its env and inference time to {@code times}. */
    public static Behavior<Command> create(PpoSettings settings, int index, ActorRef<Learner.Command> learner,
            TimeBreakdown times) {
        return Behaviors.setup(ctx -> new RolloutWorker(ctx, settings, index, learner, times));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Answered.class, this::onAnswered)
                .onMessage(PolicyUpdate.class, this::onPolicyUpdate)
                .onMessageEquals(RegisterAgain.INSTANCE, this::onRegisterAgain)
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .onSignal(PostStop.class, s -> onPostStop())
                .onSignal(PreRestart.class, s -> onPostStop())
                .build();
    }

    private void send(SessionRequest.Builder request) {
        sentNanos = System.nanoTime();
        CompletionStage<SessionResponse> answer;
        try {
            answer = stream.call(request);
        } catch (RolloutException closed) {
            answer = CompletableFuture.failedFuture(closed);
        }
        getContext().pipeToSelf(answer, Answered::new);
    }

    private Behavior<Command> onAnswered(Answered a) {
        if (a.failure() != null) {
            Throwable cause = a.failure() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : a.failure();
            boolean refused = cause instanceof RolloutException r && r.refused();
            String reason = getContext().getSelf().path().name() + ": " + cause.getMessage();
            learner.tell(new Learner.WorkerFailed(getContext().getSelf(), reason, !refused));
            throw refused ? (RolloutException) cause : new RolloutException(reason, false);
        }
        times.env(System.nanoTime() - sentNanos);
        SessionResponse r = a.response();
        switch (r.getResponseCase()) {
            case CREATE -> onCreated(r.getCreate().getSessionId(), r.getCreate().getSpec());
            case RESET -> {
                obs = new float[settings.numEnvs() * codec.width()];
                codec.encode(r.getReset().getObservations(), settings.numEnvs(), obs, 0);
                java.util.Arrays.fill(episodeReturn, 0);
                java.util.Arrays.fill(episodeLength, 0);
                resetting = false;
                startRollout();
            }
            case STEP -> onStepped(r.getStep());
            default -> { }
        }
        return this;
    }

    private void onCreated(String id, EnvSpec spec) {
        sessionId = id;
        codec = ObservationCodec.of(spec);
        int numActions = ObservationCodec.numActions(spec);
        policy = new ActorCriticNetwork(codec.width(), numActions, settings.hidden(), 0, Device.fromName(settings.device()));
        episodeReturn = new float[settings.numEnvs()];
        episodeLength = new int[settings.numEnvs()];
        learner.tell(new Learner.Register(getContext().getSelf(), codec.width(), numActions));
        maybeStartRollout();
    }

    private Behavior<Command> onRegisterAgain() {
        if (codec != null) {
            learner.tell(new Learner.Register(getContext().getSelf(), codec.width(), policy.numActions()));
        }
        return this;
    }

    private Behavior<Command> onPolicyUpdate(PolicyUpdate u) {
        // the latest weights win even when their version is lower: a learner resumed from a checkpoint counts from there
        pendingVersion = u.version();
        pendingWeights = u.weights();
        maybeStartRollout();
        return this;
    }

    private void maybeStartRollout() {
        if (stepping || resetting || codec == null || pendingWeights == null) {
            return;
        }
        policy.load(pendingWeights);
        version = pendingVersion;
        pendingWeights = null;
        stepping = true;
        rng = new Rng(Seeds.actionSampling(settings.seed(), index, version));
        if (obs == null || settings.checkpointEvery() > 0 && version % settings.checkpointEvery() == 0) {
            resetting = true;
            long seed = Seeds.envReset(settings.seed(), index, settings.numEnvs(), version);
            send(SessionRequest.newBuilder().setReset(ResetRequest.newBuilder().setSessionId(sessionId).setSeed(seed)));
            return;
        }
        startRollout();
    }

    private void startRollout() {
        rollout = new Rollout(settings.numEnvs(), settings.numSteps(), codec.width());
        act();
    }

    private void act() {
        int n = settings.numEnvs();
        int t = rollout.t;
        System.arraycopy(obs, 0, rollout.observations, t * n * codec.width(), n * codec.width());
        StepRequest.Builder step = StepRequest.newBuilder().setSessionId(sessionId);
        long t0 = System.nanoTime();
        try (NDManager m = policy.manager().newSubManager()) {
            NDArray x = m.create(obs, new Shape(n, codec.width()));
            float[] logp = policy.logits(x, false).logSoftmax(1).toFloatArray();
            float[] v = policy.value(x, false).toFloatArray();
            int a = policy.numActions();
            for (int i = 0; i < n; i++) {
                int action = sample(logp, i * a, a);
                rollout.actions[t * n + i] = action;
                rollout.logProbs[t * n + i] = logp[i * a + action];
                rollout.values[t * n + i] = v[i];
                step.addDiscreteActions(action);
            }
        }
        times.inference(System.nanoTime() - t0);
        send(SessionRequest.newBuilder().setStep(step));
    }

    private int sample(float[] logp, int from, int count) {
        double u = rng.nextDouble();
        double c = 0;
        for (int k = 0; k < count; k++) {
            c += Math.exp(logp[from + k]);
            if (u < c) {
                return k;
            }
        }
        return count - 1;
    }

    private void onStepped(StepResponse s) {
        int n = settings.numEnvs();
        int t = rollout.t;
        float[] rewards = ObservationCodec.floats(s.getRewards());
        boolean[] term = ObservationCodec.bools(s.getTerminated(), n);
        boolean[] trunc = ObservationCodec.bools(s.getTruncated(), n);
        float[] finalObs = null;
        for (int i = 0; i < n; i++) {
            int k = t * n + i;
            rollout.rewards[k] = rewards[i];
            rollout.terminated[k] = term[i];
            rollout.truncated[k] = trunc[i] && !term[i];
            episodeReturn[i] += rewards[i];
            episodeLength[i]++;
            if (term[i] || trunc[i]) {
                rollout.episodeReturns.add(episodeReturn[i]);
                rollout.episodeLengths.add(episodeLength[i]);
                episodeReturn[i] = 0;
                episodeLength[i] = 0;
            }
            if (rollout.truncated[k]) {
                if (finalObs == null) {
                    finalObs = new float[n * codec.width()];
                    codec.encode(s.getFinalObservations(), n, finalObs, 0);
                }
                rollout.finalValues[k] = values(finalObs)[i];
            }
        }
        codec.encode(s.getObservations(), n, obs, 0);
        rollout.t++;
        if (rollout.t < settings.numSteps()) {
            act();
            return;
        }
        stepping = false;
        learner.tell(new Learner.Trajectories(getContext().getSelf(), rollout.toBatch(version, values(obs))));
        maybeStartRollout();
    }

    private float[] values(float[] observations) {
        long t0 = System.nanoTime();
        try (NDManager m = policy.manager().newSubManager()) {
            return policy.value(m.create(observations, new Shape(settings.numEnvs(), codec.width())), false).toFloatArray();
        } finally {
            times.inference(System.nanoTime() - t0);
        }
    }

    private Behavior<Command> onPostStop() {
        stream.close();
        if (policy != null) {
            policy.close();
        }
        return this;
    }

    /** The buffers of the rollout in progress. */
    private static final class Rollout {
        final int numEnvs;
        final int numSteps;
        final int obsDim;
        final float[] observations;
        final int[] actions;
        final float[] logProbs;
        final float[] values;
        final float[] rewards;
        final boolean[] terminated;
        final boolean[] truncated;
        final float[] finalValues;
        final List<Float> episodeReturns = new ArrayList<>();
        final List<Integer> episodeLengths = new ArrayList<>();
        int t;

        Rollout(int numEnvs, int numSteps, int obsDim) {
            this.numEnvs = numEnvs;
            this.numSteps = numSteps;
            this.obsDim = obsDim;
            int size = numEnvs * numSteps;
            observations = new float[size * obsDim];
            actions = new int[size];
            logProbs = new float[size];
            values = new float[size];
            rewards = new float[size];
            terminated = new boolean[size];
            truncated = new boolean[size];
            finalValues = new float[size];
        }

        TrajectoryBatch toBatch(long version, float[] lastValues) {
            float[] returns = new float[episodeReturns.size()];
            int[] lengths = new int[episodeLengths.size()];
            for (int e = 0; e < returns.length; e++) {
                returns[e] = episodeReturns.get(e);
                lengths[e] = episodeLengths.get(e);
            }
            return new TrajectoryBatch(version, numEnvs, numSteps, obsDim, observations, actions, logProbs, values, rewards,
                    terminated, truncated, finalValues, lastValues, returns, lengths);
        }
    }
}
