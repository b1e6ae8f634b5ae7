package org.icugym.trainer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.envserver.EnvServer;
import org.icugym.trainer.learner.Learner;
import org.icugym.trainer.ppo.PpoSettings;
import org.icugym.trainer.run.TrainResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a loopback cluster: one learner node, rollout nodes and a real environment server,
 * each node its own actor system. A rollout node is killed mid-run (its actor system terminates
 * without leaving the cluster); the split brain resolver downs it, the learner carries on with the
 * remaining worker, and a replacement node that joins later gets the weights and contributes.
 *
 * <p>Tagged slow: in some builds a node kept retrying to join a seed node that had already
 * been stopped, so the default build leaves it out until that is fixed. Run it with
 * {@code -Dicugym.trainer.excludedGroups=none -Dgroups=slow}.
 */
@org.junit.jupiter.api.Tag("slow")
class ClusterTrainingTest {
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static EnvServer server;
    private static ActorTestKit kit;
    private final List<TrainerNode> nodes = new ArrayList<>();

    /** Cluster settings for several nodes in one JVM; a short stable-after so a dead node is downed quickly. */
    static final Config BASE = ConfigFactory.parseString("""
            pekko.loglevel = WARNING
            pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
            pekko.cluster.split-brain-resolver.stable-after = 3s
            pekko.cluster.log-info = off
            """).withFallback(ConfigFactory.load());

    @BeforeAll
    static void start() {
        server = startEnvServer(0);
        kit = ActorTestKit.create(ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
    }

    static EnvServer startEnvServer(int port) {
        return EnvServer.start(ConfigFactory.parseString("""
                icugym.env-server { host = "127.0.0.1", port = %d, metrics-port = -1 }
                pekko.loglevel = WARNING
                pekko.http.server.idle-timeout = infinite
                pekko.http.server.parsing.max-content-length = infinite
                """.formatted(port)).withFallback(ConfigFactory.load()), BuiltinEnvironments.registry());
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
        server.close();
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(TrainerNode::close);
    }

    private TrainerNode node(PpoSettings s, Set<String> roles, String seed, int firstWorker, Config config) {
        TrainerNode n = TrainerNode.start(s, new NodeSettings(roles, "127.0.0.1", 0, seed == null ? List.of() : List.of(seed),
                1, firstWorker), config.withFallback(BASE), false);
        nodes.add(n);
        return n;
    }

    private static String hostPort(TrainerNode n) {
        return "127.0.0.1:" + n.address().getPort().get();
    }

    private Learner.Progress progress(TrainerNode learner) {
        return learner.progress(Duration.ofSeconds(30)).toCompletableFuture().join();
    }

    private long contributedBy(Learner.Progress p, TrainerNode n) {
        String at = "@" + hostPort(n) + "/";
        return p.batchesByWorker().entrySet().stream().filter(e -> e.getKey().contains(at)).mapToLong(e -> e.getValue()).sum();
    }

    @Test
    void trainingGoesOnWhenARolloutNodeIsKilledAndAReplacementJoins(@TempDir Path out) throws Exception {
        PpoSettings s = PpoSettings.defaults("CartPole-v1", "127.0.0.1", server.port(), 20_480, 1)
                .with(4, 128, 1e-3, out).withMaxStaleness(1);
        TrainerNode learner = node(s, Set.of(NodeSettings.LEARNER), null, 0, ConfigFactory.empty());
        String seed = hostPort(learner);
        TrainerNode a = node(s, Set.of(NodeSettings.ROLLOUT), seed, 0, ConfigFactory.empty());
        // terminating this node's actor system does not leave the cluster first: the others see it vanish
        TrainerNode b = node(s, Set.of(NodeSettings.ROLLOUT), seed, 1,
                ConfigFactory.parseString("pekko.coordinated-shutdown.run-by-actor-system-terminate = off"));

        TestProbe<Void> probe = kit.createTestProbe();
        probe.awaitAssert(PATIENCE, Duration.ofMillis(200), () -> {
            Learner.Progress p = progress(learner);
            assertThat(contributedBy(p, a)).isPositive();
            assertThat(contributedBy(p, b)).isPositive();
            return null;
        });
        b.system().terminate();
        b.whenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        long updatesAtKill = progress(learner).updates();

        probe.awaitAssert(PATIENCE, Duration.ofMillis(200), () -> {
            assertThat(Cluster.get(learner.system()).state().getMembers())
                    .noneMatch(m -> m.address().equals(b.address()) && m.status() == MemberStatus.up());
            return null;
        });
        TrainerNode c = node(s, Set.of(NodeSettings.ROLLOUT), seed, 2, ConfigFactory.empty());
        probe.awaitAssert(PATIENCE, Duration.ofMillis(200), () -> {
            assertThat(contributedBy(progress(learner), c)).isPositive();
            return null;
        });

        TrainResult r = learner.result().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(updatesAtKill).as("the kill came mid-run").isLessThan(r.updates());
        assertThat(r.updates()).isEqualTo(40);
        assertThat(r.globalSteps()).isEqualTo(20_480);
        double first = r.meanReturnFirst(20);
        double last = r.meanReturnLast(20);
        assertThat(first).as("random policy").isLessThan(40);
        assertThat(last).as("mean return of the last 20 episodes, first 20 at %.1f", first).isGreaterThan(3 * first);
        // the rollout nodes stop by themselves once the learner ends the run
        a.whenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        c.whenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void whenTheLearnerNodeDiesTheNextLearnerNodeResumesFromTheLastCheckpoint(@TempDir Path out) throws Exception {
        PpoSettings s = PpoSettings.defaults("CartPole-v1", "127.0.0.1", server.port(), 40 * 128, 3)
                .with(4, 32, 1e-3, out).withMaxStaleness(1).withCheckpointEvery(2);
        TrainerNode first = node(s, Set.of(NodeSettings.LEARNER), null, 0,
                ConfigFactory.parseString("pekko.coordinated-shutdown.run-by-actor-system-terminate = off"));
        String seed = hostPort(first);
        TrainerNode standby = node(s, Set.of(NodeSettings.LEARNER), seed, 0, ConfigFactory.empty());
        TrainerNode rollout = node(s, Set.of(NodeSettings.ROLLOUT), seed, 0, ConfigFactory.empty());

        TestProbe<Void> probe = kit.createTestProbe();
        probe.awaitAssert(PATIENCE, Duration.ofMillis(100), () -> {
            assertThat(progress(first).updates()).isGreaterThanOrEqualTo(4);
            return null;
        });
        long updatesAtKill = progress(first).updates();
        first.system().terminate();

        TrainResult r = standby.result().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(r.updates()).isEqualTo(40);
        assertThat(r.globalSteps()).isEqualTo(40 * 128);
        assertThat(updatesAtKill).as("the learner died mid-run").isLessThan(40);
        assertThat(standby.episodes()).as("the standby learner resumed the metrics of the first").isNotEmpty()
                .first().matches(e -> e.globalStep() <= 4 * 128);
        long updateLines = java.nio.file.Files.readAllLines(out.resolve("metrics.jsonl")).stream()
                .filter(l -> l.contains("\"update\":")).count();
        assertThat(updateLines).as("each update once in metrics.jsonl").isEqualTo(40);
        rollout.whenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
