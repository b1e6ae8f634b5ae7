package org.icugym.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.envserver.EnvServer;
import org.icugym.trainer.ppo.PpoSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PPO through a real environment server on a free loopback port: CartPole-v1 learns in a short run. */
class PpoCartPoleTest {
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

    @Test
    void cartPoleImprovesClearlyInAShortRun(@TempDir Path out) throws Exception {
        PpoSettings s = PpoSettings.defaults("CartPole-v1", "127.0.0.1", server.port(), 10_240, 1)
                .with(4, 128, 1e-3, out);
        TrainResult r = PpoTraining.run(s);

        assertThat(r.globalSteps()).isEqualTo(10_240);
        assertThat(r.updates()).isEqualTo(20);
        assertThat(r.rejected()).isZero();
        double first = r.meanReturnFirst(20);
        double last = r.meanReturnLast(20);
        assertThat(first).as("random policy").isLessThan(40);
        assertThat(last).as("mean return of the last 20 episodes, first 20 at %.1f", first).isGreaterThan(3 * first);

        assertThat(javax.imageio.ImageIO.read(out.resolve("learning_curve.png").toFile()).getWidth()).isEqualTo(800);
        List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertThat(lines.get(0)).contains("\"hyperparameters\"", "\"clip_coef\":0.2", "\"adam_eps\"");
        assertThat(LearningCurve.readEpisodes(out.resolve("metrics.jsonl"))).isEqualTo(r.episodes());
        assertThat(lines).anyMatch(l -> l.contains("\"losses/approx_kl\"") && l.contains("\"losses/clipfrac\"")
                && l.contains("\"losses/explained_variance\"") && l.contains("\"charts/SPS\""));
    }
}
