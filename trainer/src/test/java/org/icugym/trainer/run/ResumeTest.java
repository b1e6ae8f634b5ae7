package org.icugym.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.envserver.EnvServer;
import org.icugym.trainer.checkpoint.CheckpointStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed from a checkpoint ends exactly like the run that wrote it: same metrics rows
 * after the checkpoint (all but {@code charts/SPS}) and the same final weights. CartPole-v1 through
 * a real environment server on a free loopback port, one rollout worker.
 */
class ResumeTest {
    private static EnvServer server;

    @BeforeAll
    static void startServer() {
        server = EnvServer.start(ConfigFactory.parseString("""
                icugym.env-server { host = "127.0.0.1", port = 0, metrics-port = -1 }
                pekko.loglevel = WARNING
                pekko.http.server.idle-timeout = infinite
                pekko.http.server.parsing.max-content-length = infinite
                """).withFallback(ConfigFactory.load()), BuiltinEnvironments.registry());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static TrainConfig config(Path out) {
        return TrainConfig.from(Map.of("env", "CartPole-v1", "env-server", "127.0.0.1:" + server.port(),
                "out", out.toString(), "total-steps", 2048, "seed", 3, "num-envs", 4, "num-steps", 64,
                "learning-rate", 1e-3, "checkpoint-every", 3));
    }

    @Test
    void resumedRunEqualsTheUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path whole = tmp.resolve("whole");
        TrainResult uninterrupted = PpoTraining.run(config(whole), ConfigFactory.load(), p -> { });
        assertThat(uninterrupted.updates()).isEqualTo(8);
        assertThat(CheckpointStore.list(whole)).extracting(p -> p.getFileName().toString())
                .containsExactly("update-00000003", "update-00000006", "update-00000008");

        // the same run stopped after its first checkpoint: later checkpoints and metrics never happened
        Path stopped = tmp.resolve("stopped");
        copy(whole, stopped);
        deleteTree(stopped.resolve("checkpoints/update-00000006"));
        deleteTree(stopped.resolve("checkpoints/update-00000008"));
        Files.writeString(stopped.resolve("metrics.jsonl"), "{\"global_step\":999999,\"partial", 
                java.nio.file.StandardOpenOption.APPEND);

        TrainResult resumed = PpoTraining.resume(PpoTraining.resumeConfig(stopped, Map.of()), ConfigFactory.load(), p -> { });

        assertThat(resumed.updates()).isEqualTo(8);
        assertThat(resumed.globalSteps()).isEqualTo(uninterrupted.globalSteps());
        assertThat(resumed.weights()).isEqualTo(uninterrupted.weights());
        assertThat(resumed.episodes()).isEqualTo(uninterrupted.episodes());
        List<String> a = withoutSps(whole.resolve("metrics.jsonl"));
        List<String> b = withoutSps(stopped.resolve("metrics.jsonl"));
        assertThat(b).hasSameSizeAs(a).isEqualTo(a);
        assertThat(a).anyMatch(l -> l.contains("\"update\":7,"));
        assertThat(CheckpointStore.load(stopped.resolve("checkpoints/update-00000008")).weights())
                .isEqualTo(uninterrupted.weights());
    }

    @Test
    void resumeRefusesAFinishedRunAChangedRunAndAFolderWithoutRun(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        TrainConfig c = TrainConfig.from(Map.of("env", "CartPole-v1", "env-server", "127.0.0.1:" + server.port(),
                "out", out.toString(), "total-steps", 512, "num-envs", 4, "num-steps", 64, "checkpoint-every", 1));
        PpoTraining.run(c, ConfigFactory.load(), p -> { });
        assertThatThrownBy(() -> PpoTraining.resume(PpoTraining.resumeConfig(out, Map.of()), ConfigFactory.load(), p -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has finished");
        assertThatThrownBy(() -> PpoTraining.resumeConfig(out, Map.of("learning-rate", 0.1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learning-rate");
        assertThatThrownBy(() -> PpoTraining.resumeConfig(tmp.resolve("nothing"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("config.json");
    }

    private static List<String> withoutSps(Path metrics) throws Exception {
        return Files.readAllLines(metrics).stream().map(l -> l.replaceAll("\"charts/SPS\":[^,}]+", "\"charts/SPS\":_"))
                .toList();
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static void deleteTree(Path p) throws Exception {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
