package org.icugym.trainer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.icugym.envserver.EnvServer;
import org.icugym.trainer.ppo.PpoSettings;
import org.icugym.trainer.run.TrainResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CartPole-v1's target on a loopback cluster (one learner node, two rollout nodes, one environment
 * server): a rollout node is killed after 40 updates and the mean return of 20 consecutive episodes
 * must still reach 475 within 150,000 steps. Several minutes: tagged slow, run with
 * {@code -Dicugym.trainer.excludedGroups=none -Dgroups=slow}.
 */
@Tag("slow")
class ClusterCartPoleTargetTest {
    @Test
    void reachesTheCartPoleTargetAfterLosingARolloutNode() throws Exception {
        EnvServer server = ClusterTrainingTest.startEnvServer(0);
        ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseString("pekko.loglevel = WARNING")
                .withFallback(ConfigFactory.load()));
        List<TrainerNode> nodes = new ArrayList<>();
        try {
            PpoSettings s = PpoSettings.defaults("CartPole-v1", "127.0.0.1", server.port(), 150_016, 1)
                    .with(4, 128, 1e-3, null).withMaxStaleness(2);
            TrainerNode learner = start(nodes, s, NodeSettings.LEARNER, null, 0, false);
            String seed = "127.0.0.1:" + learner.address().getPort().get();
            start(nodes, s, NodeSettings.ROLLOUT, seed, 0, false);
            TrainerNode doomed = start(nodes, s, NodeSettings.ROLLOUT, seed, 1, true);

            TestProbe<Void> probe = kit.createTestProbe();
            probe.awaitAssert(Duration.ofMinutes(10), Duration.ofSeconds(1), () -> {
                assertThat(learner.progress(Duration.ofSeconds(30)).toCompletableFuture().join().updates())
                        .isGreaterThanOrEqualTo(40);
                return null;
            });
            doomed.system().terminate();

            TrainResult r = learner.result().toCompletableFuture().get(20, TimeUnit.MINUTES);
            assertThat(r.updates()).isEqualTo(s.numUpdates());
            double best = 0;
            List<TrainResult.Episode> e = r.episodes();
            for (int i = 20; i <= e.size(); i++) {
                best = Math.max(best, e.subList(i - 20, i).stream().mapToDouble(TrainResult.Episode::episodicReturn)
                        .average().orElse(0));
            }
            assertThat(best).as("best mean return of 20 consecutive episodes").isGreaterThanOrEqualTo(475);
        } finally {
            nodes.forEach(TrainerNode::close);
            kit.shutdownTestKit();
            server.close();
        }
    }

    private static TrainerNode start(List<TrainerNode> nodes, PpoSettings s, String role, String seed, int firstWorker,
            boolean abrupt) {
        TrainerNode n = TrainerNode.start(s, new NodeSettings(Set.of(role), "127.0.0.1", 0,
                seed == null ? List.of() : List.of(seed), 1, firstWorker),
                ConfigFactory.parseString("pekko.coordinated-shutdown.run-by-actor-system-terminate = "
                        + (abrupt ? "off" : "on")).withFallback(ClusterTrainingTest.BASE), false);
        nodes.add(n);
        return n;
    }
}
