package org.icugym.envserver.session;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.pattern.StatusReply;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.EnvFactory;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.Forecast;
import org.icugym.core.env.ResetResult;
import org.icugym.core.env.SimulationLimits;
import org.icugym.core.env.StepResult;
import org.icugym.core.env.VectorSession;

/**
 * One client session: a vector of {@code num_envs} environments of one id, driven through a
 * {@link VectorSession} (which owns seeding, time limits, autoreset and validation).
 *
 * <p>Why an actor: a session's environments are mutable and not thread-safe; the actor serialises
 * every request to them, and many sessions step in parallel. It owns the environments and their
 * random streams and nothing else. Its limits: a request that fails validation leaves the state
 * untouched and answers a typed {@link EnvException}; an unexpected failure of an environment
 * answers INTERNAL and stops this session only (its state is lost; other sessions are unaffected).
 * Simulate runs here too (it reads the session's state), on the actor's dispatcher thread, so a
 * large forecast delays only this session's later requests. Environments whose steps wait for
 * work done elsewhere ({@code Sepsis-WorldModel-v1}, whose forward passes are batched across
 * sessions by the inference pool) are driven asynchronously: the actor starts the step, stashes
 * later requests (up to {@value #STASH_CAPACITY}; beyond that they answer RESOURCE_EXHAUSTED) and
 * goes on when the result arrives, so no dispatcher thread waits for a model. Nothing survives a
 * stop or a server restart.
 */
public final class Session extends AbstractBehavior<Session.Command> {

    /** Messages a session understands. */
    public sealed interface Command {}

    /** A client request; {@link #fail} answers it with an error instead of a result. */
    public sealed interface Request extends Command {
        /** Answers this request with {@code error}. */
        void fail(EnvException error);
    }

    /**
     * Resets the environments selected by {@code mask} (null or empty = all); see
     * {@link VectorSession#reset}.
     */
    public record Reset(Long seed, long[] seeds, boolean[] mask, Map<String, String> options,
            ActorRef<StatusReply<ResetOutcome>> replyTo) implements Request {
        @Override
        public void fail(EnvException error) {
            replyTo.tell(StatusReply.error(error));
        }
    }

    /** Steps every environment with one action each; see {@link VectorSession#step}. */
    public record Step(long[] actions, ActorRef<StatusReply<StepOutcome>> replyTo) implements Request {
        @Override
        public void fail(EnvException error) {
            replyTo.tell(StatusReply.error(error));
        }
    }

    /**
     * Forecasts candidate action plans from environment {@code envIndex} without changing it; see
     * {@link VectorSession#simulate}. Environments without a model answer UNIMPLEMENTED.
     */
    public record Simulate(int envIndex, long[][] candidates, int numSamples, SimulationLimits limits,
            ActorRef<StatusReply<SimulateOutcome>> replyTo) implements Request {
        @Override
        public void fail(EnvException error) {
            replyTo.tell(StatusReply.error(error));
        }
    }

    /** From the manager, after it unregistered this session: stop (every earlier request has been answered). */
    public enum Retire implements Command { INSTANCE }

    /** Closes the session: answers, then stops. */
    public record Close(ActorRef<StatusReply<Done>> replyTo) implements Request {
        @Override
        public void fail(EnvException error) {
            replyTo.tell(StatusReply.error(error));
        }
    }

    /**
     * What a newly created session answers its creator.
     *
     * @param sessionId the session's id
     * @param spec the environment spec with the session's options applied
     * @param numEnvs number of environments
     * @param mode the effective autoreset mode
     */
    public record Created(String sessionId, EnvSpec spec, int numEnvs, AutoresetMode mode) {}

    /**
     * A Simulate call's forecast.
     *
     * @param forecast one forecast per candidate plan
     */
    public record SimulateOutcome(Forecast forecast) {}

    /**
     * A reset's result with the spec needed to encode it.
     *
     * @param result the observations and infos
     * @param spec the session's spec
     */
    public record ResetOutcome(ResetResult result, EnvSpec spec) {}

    /**
     * A step's result with the spec needed to encode it.
     *
     * @param result the step's observations, rewards, flags and infos
     * @param spec the session's spec
     */
    public record StepOutcome(StepResult result, EnvSpec spec) {}

    /** A finished asynchronous request: the answer to send, or the failure. */
    private record Completed<T>(Request request, T result, Throwable error, Function<T, Object> wrap)
            implements Command {}

    /** Requests a session holds while an asynchronous step or forecast runs. */
    static final int STASH_CAPACITY = 256;

    private final String sessionId;
    private final VectorSession envs;
    private final ActorRef<SessionManager.Command> manager;

    private Session(ActorContext<Command> context, String sessionId, VectorSession envs,
            ActorRef<SessionManager.Command> manager) {
        super(context);
        this.sessionId = sessionId;
        this.envs = envs;
        this.manager = manager;
    }

    /**
     * A session that creates its environments when it starts (off the caller's thread; ICU-Sepsis
     * reads its data on first use) and answers {@code replyTo} with {@link Created}, or with the
     * error and stops if the options, mode or id are rejected.
     */
    public static Behavior<Command> create(String sessionId, EnvFactory factory, int numEnvs,
            Map<String, String> options, AutoresetMode mode, Long seed, ActorRef<StatusReply<Created>> replyTo,
            ActorRef<SessionManager.Command> manager) {
        return Behaviors.setup(context -> {
            VectorSession envs;
            try {
                envs = new VectorSession(factory.create(numEnvs, options), mode, seed);
            } catch (EnvException e) {
                replyTo.tell(StatusReply.error(e));
                return Behaviors.stopped();
            } catch (RuntimeException e) {
                context.getLog().error("creating {} failed", factory.spec().id(), e);
                replyTo.tell(StatusReply.error(new EnvException(EnvException.Code.INTERNAL,
                        "creating " + factory.spec().id() + " failed on the server (" + e + "); report this bug")));
                return Behaviors.stopped();
            }
            replyTo.tell(StatusReply.success(new Created(sessionId, envs.spec(), envs.numEnvs(), envs.mode())));
            return new Session(context, sessionId, envs, manager);
        });
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Reset.class, this::onReset)
                .onMessage(Step.class, this::onStep)
                .onMessage(Simulate.class, this::onSimulate)
                .onMessage(Close.class, this::onClose)
                .onMessage(Retire.class, m -> Behaviors.stopped())
                .build();
    }

    private Behavior<Command> onReset(Reset msg) {
        try {
            ResetResult r = envs.reset(msg.seed(), msg.seeds(), msg.mask(), msg.options());
            msg.replyTo().tell(StatusReply.success(new ResetOutcome(r, envs.spec())));
            return this;
        } catch (RuntimeException e) {
            return failed(msg, e);
        }
    }

    private Behavior<Command> onStep(Step msg) {
        if (envs.isAsync()) {
            try {
                return await(msg, envs.stepAsync(msg.actions()), r -> new StepOutcome(r, envs.spec()));
            } catch (RuntimeException e) {
                return failed(msg, e);
            }
        }
        try {
            msg.replyTo().tell(StatusReply.success(new StepOutcome(envs.step(msg.actions()), envs.spec())));
            return this;
        } catch (RuntimeException e) {
            return failed(msg, e);
        }
    }

    private Behavior<Command> onSimulate(Simulate msg) {
        if (envs.isAsync()) {
            try {
                return await(msg, envs.simulateAsync(msg.envIndex(), msg.candidates(), msg.numSamples(), msg.limits()),
                        SimulateOutcome::new);
            } catch (RuntimeException e) {
                return failed(msg, e);
            }
        }
        try {
            Forecast forecast = envs.simulate(msg.envIndex(), msg.candidates(), msg.numSamples(), msg.limits());
            msg.replyTo().tell(StatusReply.success(new SimulateOutcome(forecast)));
            return this;
        } catch (RuntimeException e) {
            return failed(msg, e);
        }
    }

    /** Waits for {@code stage} without blocking, stashing every other message until it completes. */
    private <T> Behavior<Command> await(Request request, CompletionStage<T> stage, Function<T, Object> wrap) {
        getContext().pipeToSelf(stage, (result, error) -> new Completed<>(request, result, error, wrap));
        return Behaviors.withStash(STASH_CAPACITY, stash -> Behaviors.receive(Command.class)
                .onMessage(Completed.class, done -> resume(done, stash))
                .onAnyMessage(other -> stashOrReject(other, stash))
                .build());
    }

    private Behavior<Command> stashOrReject(Command msg, StashBuffer<Command> stash) {
        if (stash.isFull() && msg instanceof Request r) {
            r.fail(EnvException.resourceExhausted("session " + sessionId + " already holds " + STASH_CAPACITY
                    + " waiting requests: wait for answers before sending more"));
        } else {
            stash.stash(msg);
        }
        return Behaviors.same();
    }

    @SuppressWarnings("unchecked")
    private Behavior<Command> resume(Completed<?> done, StashBuffer<Command> stash) {
        Completed<Object> d = (Completed<Object>) done;
        Behavior<Command> next = this;
        if (d.error() == null) {
            reply(d.request(), d.wrap().apply(d.result()));
        } else {
            Throwable cause = d.error() instanceof CompletionException && d.error().getCause() != null
                    ? d.error().getCause() : d.error();
            next = failed(d.request(), cause instanceof RuntimeException r ? r : new IllegalStateException(cause));
        }
        return stash.unstashAll(next);
    }

    private static void reply(Request request, Object outcome) {
        if (request instanceof Step s) {
            s.replyTo().tell(StatusReply.success((StepOutcome) outcome));
        } else if (request instanceof Simulate s) {
            s.replyTo().tell(StatusReply.success((SimulateOutcome) outcome));
        } else {
            throw new IllegalStateException("no asynchronous answer for " + request);
        }
    }

    private Behavior<Command> onClose(Close msg) {
        msg.replyTo().tell(StatusReply.success(Done.getInstance()));
        return Behaviors.stopped();
    }

    /**
     * A typed error keeps the session; anything else is a bug that ends this session only: the
     * manager unregisters it, and requests already on their way are answered INTERNAL until the
     * manager retires it.
     */
    private Behavior<Command> failed(Request msg, RuntimeException e) {
        if (e instanceof EnvException typed) {
            msg.fail(typed);
            return this;
        }
        getContext().getLog().error("session {} ({}) failed and was closed", sessionId, envs.spec().id(), e);
        EnvException closed = new EnvException(EnvException.Code.INTERNAL, "environment " + envs.spec().id()
                + " failed on the server (" + e + "); session " + sessionId + " was closed: create a new session");
        msg.fail(closed);
        manager.tell(new SessionManager.SessionFailed(sessionId));
        return Behaviors.receive(Command.class)
                .onMessage(Request.class, r -> {
                    r.fail(closed);
                    return Behaviors.same();
                })
                .onMessage(Retire.class, r -> Behaviors.stopped())
                .build();
    }
}
