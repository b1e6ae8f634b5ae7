package org.icugym.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icugym.cli.IcugymCommand;
import org.icugym.envserver.testing.TestEnvServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code icugym train} against a real environment server on a free loopback port. */
class TrainCommandTest {
    @Test
    void trainsAndWritesMetrics(@TempDir Path out) throws Exception {
        try (TestEnvServer server = TestEnvServer.start()) {
            int exit = IcugymCommand.commandLine().execute("train", "--env", "CartPole-v1",
                    "--env-server", "127.0.0.1:" + server.server().port(), "--total-steps", "512", "--num-envs", "2",
                    "--num-steps", "64", "--seed", "3", "--out", out.toString());
            assertThat(exit).isZero();
            List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
            assertThat(lines.get(0)).contains("\"hyperparameters\"", "\"env_id\":\"CartPole-v1\"", "\"seed\":3");
            assertThat(lines.stream().filter(l -> l.contains("\"losses/value_loss\""))).hasSize(4);
        }
    }

    @Test
    void aMalformedServerAddressIsRefused(@TempDir Path out) {
        int exit = IcugymCommand.commandLine().execute("train", "--env", "CartPole-v1", "--env-server", "nohost",
                "--out", out.toString());
        assertThat(exit).isNotZero();
    }
}
