package org.icugym.envserver.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.EnvFactory;
import org.icugym.core.env.EnvRegistry;
import org.icugym.envserver.metrics.ServerMetrics;

/**
 * The only owner of the registry of open sessions: creates {@link Session} children, enforces the
 * session and environment limits, routes every request to its session, and closes sessions that
 * stayed idle longer than the idle timeout.
 *
 * <p>Why an actor: the registry and the limits must change atomically while thousands of clients
 * create, use and close sessions concurrently. It owns only ids, child references and idle ages;
 * the environments belong to the sessions. Environments are created inside the new session actor,
 * so a slow creation never blocks the manager. Idleness is measured in reaper ticks
 * ({@code reaperInterval}), so a session is closed between {@code idleTimeout} and
 * {@code idleTimeout + reaperInterval} after its last request. Limits: everything is in memory; a
 * restart loses every session.
 */
public final class SessionManager extends AbstractBehavior<SessionManager.Command> {

    /** Messages the manager understands. */
    public sealed interface Command {}

    /**
     * Creates a session of {@code numEnvs} environments of {@code envId}; answers {@link Session.Created}
     * or NOT_FOUND (unknown id), INVALID_ARGUMENT (bad options or mode) or RESOURCE_EXHAUSTED (limits).
     */
    public record CreateSession(String envId, int numEnvs, Long seed, Map<String, String> options,
            AutoresetMode mode, ActorRef<StatusReply<Session.Created>> replyTo) implements Command {}

    /** Routes {@code request} to session {@code sessionId}, or answers it NOT_FOUND. */
    public record Forward(String sessionId, Session.Request request) implements Command {}

    /** Answers the number of open sessions (for monitoring and tests). */
    public record GetOpenSessions(ActorRef<Integer> replyTo) implements Command {}

    private enum ReapIdle implements Command { INSTANCE }

    private record SessionStopped(String sessionId) implements Command {}

    /** A registered session: its actor and how long it has been idle. */
    private static final class Entry {
        final ActorRef<Session.Command> ref;
        Duration idle = Duration.ZERO;
        boolean activeSinceTick = true;

        Entry(ActorRef<Session.Command> ref) {
            this.ref = ref;
        }
    }

    /**
     * Limits and timing of the manager.
     *
     * @param maxSessions open sessions beyond this answer RESOURCE_EXHAUSTED
     * @param maxEnvsPerSession environments of one session beyond this answer RESOURCE_EXHAUSTED
     * @param idleTimeout sessions idle this long are closed
     * @param reaperInterval how often idleness is checked
     */
    public record Limits(int maxSessions, int maxEnvsPerSession, Duration idleTimeout, Duration reaperInterval) {}

    private final EnvRegistry registry;
    private final Limits limits;
    private final ServerMetrics metrics;
    private final Map<String, Entry> sessions = new HashMap<>();

    private SessionManager(ActorContext<Command> context, EnvRegistry registry, Limits limits, ServerMetrics metrics) {
        super(context);
        this.registry = registry;
        this.limits = limits;
        this.metrics = metrics;
    }

    /** A manager for the environments of {@code registry}. */
    public static Behavior<Command> create(EnvRegistry registry, Limits limits, ServerMetrics metrics) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(ReapIdle.INSTANCE, limits.reaperInterval());
            return new SessionManager(context, registry, limits, metrics);
        }));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(CreateSession.class, this::onCreate)
                .onMessage(Forward.class, this::onForward)
                .onMessage(GetOpenSessions.class, this::onGetOpenSessions)
                .onMessage(ReapIdle.class, m -> onReapIdle())
                .onMessage(SessionStopped.class, this::onSessionStopped)
                .build();
    }

    private Behavior<Command> onCreate(CreateSession msg) {
        EnvFactory factory;
        try {
            factory = registry.factory(msg.envId());
            checkLimits(msg.numEnvs());
        } catch (EnvException e) {
            msg.replyTo().tell(StatusReply.error(e));
            return this;
        }
        String id = UUID.randomUUID().toString();
        ActorRef<Session.Command> ref = getContext().spawn(
                Session.create(id, factory, msg.numEnvs(), msg.options(), msg.mode(), msg.seed(), msg.replyTo()),
                "session-" + id);
        getContext().watchWith(ref, new SessionStopped(id));
        sessions.put(id, new Entry(ref));
        metrics.sessionsOpen(sessions.size());
        return this;
    }

    private void checkLimits(int numEnvs) {
        if (numEnvs < 1) {
            throw EnvException.invalidArgument("num_envs must be at least 1, got " + numEnvs);
        }
        if (numEnvs > limits.maxEnvsPerSession()) {
            throw EnvException.resourceExhausted("num_envs " + numEnvs + " exceeds this server's limit of "
                    + limits.maxEnvsPerSession() + " environments per session: use several sessions, or raise "
                    + "icugym.env-server.max-envs-per-session on the server");
        }
        if (sessions.size() >= limits.maxSessions()) {
            throw EnvException.resourceExhausted("this server already has its maximum of " + limits.maxSessions()
                    + " open sessions: close sessions you no longer need (CloseSession) and retry; idle sessions "
                    + "are closed after " + limits.idleTimeout().toSeconds() + " s");
        }
    }

    private Behavior<Command> onForward(Forward msg) {
        Entry entry = sessions.get(msg.sessionId());
        if (entry == null) {
            msg.request().fail(EnvException.notFound("unknown session '" + msg.sessionId() + "': it was closed, "
                    + "reaped after " + limits.idleTimeout().toSeconds() + " s idle, or never existed; "
                    + "create a new one with CreateSession"));
            return this;
        }
        entry.activeSinceTick = true;
        if (msg.request() instanceof Session.Close) {
            // Unregister now, so requests after the close answer NOT_FOUND at once.
            sessions.remove(msg.sessionId());
            getContext().unwatch(entry.ref);
            metrics.sessionsOpen(sessions.size());
        }
        entry.ref.tell(msg.request());
        return this;
    }

    private Behavior<Command> onGetOpenSessions(GetOpenSessions msg) {
        msg.replyTo().tell(sessions.size());
        return this;
    }

    private Behavior<Command> onReapIdle() {
        List<String> idle = new ArrayList<>();
        for (Map.Entry<String, Entry> e : sessions.entrySet()) {
            Entry entry = e.getValue();
            entry.idle = entry.activeSinceTick ? Duration.ZERO : entry.idle.plus(limits.reaperInterval());
            entry.activeSinceTick = false;
            if (entry.idle.compareTo(limits.idleTimeout()) >= 0) {
                idle.add(e.getKey());
            }
        }
        for (String id : idle) {
            Entry entry = sessions.remove(id);
            getContext().unwatch(entry.ref);
            getContext().stop(entry.ref);
            metrics.sessionReaped();
        }
        if (!idle.isEmpty()) {
            getContext().getLog().info("closed {} idle session(s); {} open", idle.size(), sessions.size());
            metrics.sessionsOpen(sessions.size());
        }
        return this;
    }

    private Behavior<Command> onSessionStopped(SessionStopped msg) {
        if (sessions.remove(msg.sessionId()) != null) {
            metrics.sessionsOpen(sessions.size());
        }
        return this;
    }
}
