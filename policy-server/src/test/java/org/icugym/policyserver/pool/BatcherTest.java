package org.icugym.policyserver.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.icugym.agent.Policies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class BatcherTest {
    private static final ActorTestKit KIT = ActorTestKit.create(
            ManualTime.config().withFallback(ConfigFactory.parseString("pekko.loglevel = WARNING"))
                    .withFallback(ConfigFactory.load()));
    private static final ManualTime TIME = ManualTime.get(KIT.system());

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static ActorRef<Batcher.Command> batcher(int maxBatch, Duration maxDelay, int maxQueue) {
        ModelVersion v1 = new ModelVersion("none", 1, Policies.baseline("no-treatment", 2, 5), "builtin");
        return KIT.spawn(Batcher.create(v1, List.of("cpu"), PolicyOpener.DEFAULT,
                new Batcher.Limits(maxBatch, maxDelay, maxQueue), "icugym.policy-server.worker-dispatcher"));
    }

    @Test
    void aFullBatchRunsAtOnceAndEachCallerGetsItsOwnRows() {
        ActorRef<Batcher.Command> b = batcher(4, Duration.ofHours(1), 100);
        TestProbe<StatusReply<Batcher.Acted>> p1 = KIT.createTestProbe();
        TestProbe<StatusReply<Batcher.Acted>> p2 = KIT.createTestProbe();
        TestProbe<StatusReply<Batcher.Acted>> p3 = KIT.createTestProbe();
        b.tell(new Batcher.Act(new float[2], 1, true, p1.getRef()));
        b.tell(new Batcher.Act(new float[4], 2, true, p2.getRef()));
        b.tell(new Batcher.Act(new float[2], 1, true, p3.getRef()));
        assertThat(p1.receiveMessage().getValue().output().rows()).isEqualTo(1);
        Batcher.Acted two = p2.receiveMessage().getValue();
        assertThat(two.output().rows()).isEqualTo(2);
        assertThat(two.output().probs()).hasSize(10);
        assertThat(two.version()).isEqualTo(1);
        assertThat(p3.receiveMessage().getValue().output().rows()).isEqualTo(1);
    }

    @Test
    void aLoneRequestWaitsForMaxDelayAndSwapsApplyToLaterBatches() {
        ActorRef<Batcher.Command> b = batcher(64, Duration.ofMillis(50), 100);
        TestProbe<StatusReply<Batcher.Acted>> p = KIT.createTestProbe();
        b.tell(new Batcher.Act(new float[2], 1, true, p.getRef()));
        TIME.expectNoMessageFor(Duration.ofMillis(40), p);
        TIME.timePasses(Duration.ofMillis(20));
        assertThat(p.receiveMessage().getValue().version()).isEqualTo(1);

        TestProbe<Done> swapped = KIT.createTestProbe();
        b.tell(new Batcher.Swap(new ModelVersion("none", 2, Policies.baseline("no-treatment", 2, 5), "inline"),
                swapped.getRef()));
        swapped.receiveMessage();
        b.tell(new Batcher.Act(new float[2], 1, true, p.getRef()));
        TIME.timePasses(Duration.ofMillis(60));
        assertThat(p.receiveMessage().getValue().version()).isEqualTo(2);
    }

    @Test
    void wrongShapesAndAFullQueueAreRefused() {
        ActorRef<Batcher.Command> b = batcher(64, Duration.ofHours(1), 1);
        TestProbe<StatusReply<Batcher.Acted>> p = KIT.createTestProbe();
        b.tell(new Batcher.Act(new float[3], 1, true, p.getRef()));
        assertThat(p.receiveMessage().getError()).hasMessageContaining("[n, 2]");
        b.tell(new Batcher.Act(new float[2], 1, true, p.getRef()));
        b.tell(new Batcher.Act(new float[2], 1, true, p.getRef()));
        assertThat(p.receiveMessage().getError()).hasMessageContaining("max-queue 1");
    }
}
