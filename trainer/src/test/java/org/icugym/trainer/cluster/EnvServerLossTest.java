package org.icugym.trainer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.icugym.envserver.EnvServer;
import org.icugym.trainer.learner.Learner;
import org.icugym.trainer.ppo.PpoSettings;
import org.icugym.trainer.run.MetricsLog;
import org.icugym.trainer.run.TimeBreakdown;
import org.icugym.trainer.run.TrainResult;
import org.junit.jupiter.api.Test;

/**
 * Two rollout nodes' workers on two real environment servers; one server is closed mid-run. The
 * learner drops that worker (which keeps restarting with a backoff) and finishes with the other.
 */
class EnvServerLossTest {
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @Test
    void theRunGoesOnWhenAWorkersEnvironmentServerGoesAway() throws Exception {
        EnvServer kept = ClusterTrainingTest.startEnvServer(0);
        EnvServer lost = ClusterTrainingTest.startEnvServer(0);
        ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseString("pekko.loglevel = WARNING")
                .withFallback(ConfigFactory.load()));
        try {
            PpoSettings s = PpoSettings.defaults("CartPole-v1", "127.0.0.1", kept.port(), 40 * 128, 2)
                    .with(4, 32, 1e-3, null).withMaxStaleness(2);
            CompletableFuture<TrainResult> result = new CompletableFuture<>();
            ActorRef<Learner.Command> learner = kit.spawn(Learner.create(s, new MetricsLog(null, s.totalSteps()), result,
                    null, new TimeBreakdown(), Learner.WorkerLoss.TOLERATED), "learner", DispatcherSelector.blocking());
            kit.spawn(RolloutNode.create(s, learner, 1, 0), "kept");
            kit.spawn(RolloutNode.create(s.withEnvServer("127.0.0.1", lost.port()), learner, 1, 1), "lost");

            TestProbe<Learner.Progress> probe = kit.createTestProbe();
            probe.awaitAssert(PATIENCE, Duration.ofMillis(100), () -> {
                learner.tell(new Learner.GetProgress(probe.getRef()));
                assertThat(probe.receiveMessage(PATIENCE).batchesByWorker().keySet()).anyMatch(k -> k.contains("/lost/"));
                return null;
            });
            lost.close();
            probe.awaitAssert(PATIENCE, Duration.ofMillis(100), () -> {
                learner.tell(new Learner.GetProgress(probe.getRef()));
                assertThat(probe.receiveMessage(PATIENCE).workers()).as("the worker without a server is dropped").isEqualTo(1);
                return null;
            });
            learner.tell(new Learner.GetProgress(probe.getRef()));
            long updatesAtLoss = probe.receiveMessage(PATIENCE).updates();

            TrainResult r = result.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(updatesAtLoss).as("the server went away mid-run").isLessThan(40);
            assertThat(r.updates()).isEqualTo(40);
            assertThat(r.globalSteps()).isEqualTo(40 * 128);
        } finally {
            kit.shutdownTestKit();
            kept.close();
        }
    }
}
