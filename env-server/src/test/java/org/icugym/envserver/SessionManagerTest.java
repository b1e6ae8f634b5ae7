package org.icugym.envserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.EnvException;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.envserver.metrics.ServerMetrics;
import org.icugym.envserver.session.Session;
import org.icugym.envserver.session.SessionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The session manager and session actors, with manual time for the idle reaper. */
class SessionManagerTest {
    private static final ActorTestKit KIT = ActorTestKit.create(ManualTime.config());
    private static final ManualTime TIME = ManualTime.get(KIT.system());
    private static final Duration TICK = Duration.ofSeconds(1);

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static ActorRef<SessionManager.Command> manager(int maxSessions) {
        return KIT.spawn(SessionManager.create(BuiltinEnvironments.registry(),
                new SessionManager.Limits(maxSessions, 8, Duration.ofSeconds(3), TICK), ServerMetrics.create()));
    }

    private static String create(ActorRef<SessionManager.Command> manager, int numEnvs) {
        TestProbe<StatusReply<Session.Created>> probe = KIT.createTestProbe();
        manager.tell(new SessionManager.CreateSession("CartPole-v1", numEnvs, 1L, Map.of(), AutoresetMode.NEXT_STEP,
                probe.getRef()));
        StatusReply<Session.Created> reply = probe.receiveMessage();
        assertThat(reply.isSuccess()).as("created: %s", reply).isTrue();
        assertThat(reply.getValue().numEnvs()).isEqualTo(numEnvs);
        return reply.getValue().sessionId();
    }

    private static EnvException createFails(ActorRef<SessionManager.Command> manager, String envId, int numEnvs) {
        TestProbe<StatusReply<Session.Created>> probe = KIT.createTestProbe();
        manager.tell(new SessionManager.CreateSession(envId, numEnvs, null, Map.of(), AutoresetMode.NEXT_STEP,
                probe.getRef()));
        StatusReply<Session.Created> reply = probe.receiveMessage();
        assertThat(reply.isError()).isTrue();
        return (EnvException) reply.getError();
    }

    private static int open(ActorRef<SessionManager.Command> manager) {
        TestProbe<Integer> probe = KIT.createTestProbe();
        manager.tell(new SessionManager.GetOpenSessions(probe.getRef()));
        return probe.receiveMessage();
    }

    private static StatusReply<Session.ResetOutcome> reset(ActorRef<SessionManager.Command> manager, String id) {
        TestProbe<StatusReply<Session.ResetOutcome>> probe = KIT.createTestProbe();
        manager.tell(new SessionManager.Forward(id, new Session.Reset(1L, null, null, Map.of(), probe.getRef())));
        return probe.receiveMessage();
    }

    @Test
    void enforcesSessionAndEnvironmentLimits() {
        ActorRef<SessionManager.Command> manager = manager(2);
        create(manager, 8);
        assertThat(createFails(manager, "CartPole-v1", 9).code()).isEqualTo(EnvException.Code.RESOURCE_EXHAUSTED);
        create(manager, 1);
        EnvException full = createFails(manager, "CartPole-v1", 1);
        assertThat(full.code()).isEqualTo(EnvException.Code.RESOURCE_EXHAUSTED);
        assertThat(full.getMessage()).contains("2 open sessions", "CloseSession");
        assertThat(createFails(manager, "Nope-v0", 1).code()).isEqualTo(EnvException.Code.NOT_FOUND);
    }

    @Test
    void badOptionsStopTheNewSessionAndFreeItsSlot() {
        ActorRef<SessionManager.Command> manager = manager(1);
        TestProbe<StatusReply<Session.Created>> probe = KIT.createTestProbe();
        manager.tell(new SessionManager.CreateSession("CartPole-v1", 1, null, Map.of("nope", "1"),
                AutoresetMode.NEXT_STEP, probe.getRef()));
        assertThat(((EnvException) probe.receiveMessage().getError()).code()).isEqualTo(EnvException.Code.INVALID_ARGUMENT);
        probe.awaitAssert(() -> assertThat(open(manager)).isZero());
        create(manager, 1);
    }

    @Test
    void routesRequestsAndAnswersUnknownAndClosedSessionsNotFound() {
        ActorRef<SessionManager.Command> manager = manager(10);
        String id = create(manager, 2);
        assertThat(reset(manager, id).getValue().result().observations()).hasSize(8);
        TestProbe<StatusReply<Done>> closed = KIT.createTestProbe();
        manager.tell(new SessionManager.Forward(id, new Session.Close(closed.getRef())));
        assertThat(closed.receiveMessage().isSuccess()).isTrue();
        assertThat(((EnvException) reset(manager, id).getError()).code()).isEqualTo(EnvException.Code.NOT_FOUND);
        assertThat(open(manager)).isZero();
    }

    @Test
    void reapsSessionsIdleLongerThanTheTimeoutAndKeepsActiveOnes() {
        ActorRef<SessionManager.Command> manager = manager(10);
        String idle = create(manager, 1);
        String busy = create(manager, 1);
        for (int t = 0; t < 6; t++) {
            assertThat(reset(manager, busy).isSuccess()).isTrue();
            TIME.timePasses(TICK);
        }
        assertThat(((EnvException) reset(manager, idle).getError()).code()).isEqualTo(EnvException.Code.NOT_FOUND);
        assertThat(reset(manager, busy).isSuccess()).isTrue();
        assertThat(open(manager)).isEqualTo(1);
    }
}
