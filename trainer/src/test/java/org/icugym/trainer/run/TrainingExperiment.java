package org.icugym.trainer.run;

import com.typesafe.config.ConfigFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.envserver.EnvServer;

/**
 * A training run through an in-process environment server followed by an evaluation, for tuning:
 * arguments are {@code key=value} pairs with the keys of {@link TrainConfig} (the {@code env-server}
 * is filled in), for example {@code env=ICU-Sepsis-v2 out=runs/x total-steps=2000000 eval-episodes=20000}.
 * With {@code resume=true} it continues the run in {@code out}; with {@code checkpoint=DIR} it only
 * evaluates the weights of that checkpoint folder ({@code hidden}, {@code eval-episodes} and
 * {@code env} as given).
 */
public final class TrainingExperiment {
    private TrainingExperiment() {
    }

    /** Runs it. */
    public static void main(String[] args) {
        Map<String, Object> values = new LinkedHashMap<>();
        boolean resume = false;
        String checkpoint = null;
        for (String a : args) {
            int eq = a.indexOf('=');
            if (a.startsWith("resume=")) {
                resume = Boolean.parseBoolean(a.substring(eq + 1));
            } else if (a.startsWith("checkpoint=")) {
                checkpoint = a.substring(eq + 1);
            } else {
                values.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        try (EnvServer server = EnvServer.start(ConfigFactory.parseString("""
                icugym.env-server { host = "127.0.0.1", port = 0, metrics-port = -1 }
                pekko.loglevel = WARNING
                pekko.http.server.idle-timeout = infinite
                pekko.http.server.parsing.max-content-length = infinite
                """).withFallback(ConfigFactory.load()), BuiltinEnvironments.registry())) {
            values.put("env-server", "127.0.0.1:" + server.port());
            if (checkpoint != null) {
                TrainConfig c = TrainConfig.from(values);
                byte[] weights = org.icugym.trainer.checkpoint.CheckpointStore.load(java.nio.file.Path.of(checkpoint)).weights();
                evaluate(c, weights, server.port());
                return;
            }
            TrainConfig c = resume ? PpoTraining.resumeConfig(java.nio.file.Path.of(values.get("out").toString()), values)
                    : TrainConfig.from(values);
            long t0 = System.nanoTime();
            TrainResult r = resume ? PpoTraining.resume(c, ConfigFactory.load(), p -> { })
                    : PpoTraining.run(c, ConfigFactory.load(), p -> { });
            double[] f = r.times().fractions();
            System.out.printf(Locale.ROOT, "RESULT %s steps=%d episodes=%d last2000=%.4f sps=%.0f wall=%.0fs env=%.2f"
                    + " inference=%.2f learn=%.2f (seconds: env %.1f inference %.1f learn %.1f)%n", c.toMap(),
                    r.globalSteps(), r.episodes().size(), r.meanReturnLast(2000), r.sps(), (System.nanoTime() - t0) / 1e9,
                    f[0], f[1], f[2], r.times().envSeconds(), r.times().inferenceSeconds(), r.times().learnSeconds());
            if (c.evalEpisodes() > 0) {
                evaluate(c, r.weights(), server.port());
            }
        }
    }

    private static void evaluate(TrainConfig c, byte[] weights, int port) {
        for (boolean greedy : new boolean[] {true, false}) {
            PolicyEvaluation.Result e = PolicyEvaluation.evaluate("127.0.0.1", port, c.ppo().envId(), weights,
                    c.ppo().hidden(), c.evalEpisodes(), greedy, c.ppo().seed() + 1_000_000, ConfigFactory.load());
            System.out.printf(Locale.ROOT, "EVAL greedy=%s episodes=%d mean=%.4f ci95=%.4f%n", greedy, e.episodes(),
                    e.meanReturn(), e.ci95());
        }
    }
}
