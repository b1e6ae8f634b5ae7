package org.icugym.trainer.run;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Locale;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.envserver.EnvServer;
import org.icugym.trainer.ppo.PpoSettings;

/**
 * The CartPole-v1 acceptance run: PPO through an in-process environment server for several seeds,
 * printing the mean return of the last 20 episodes of each. Arguments: total steps, learning rate,
 * output folder, seeds.
 */
public final class CartPoleBenchmark {
    private CartPoleBenchmark() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) {
        long steps = Long.parseLong(args[0]);
        double lr = Double.parseDouble(args[1]);
        Path out = Path.of(args[2]);
        try (EnvServer server = EnvServer.start(ConfigFactory.parseString("""
                icugym.env-server { host = "127.0.0.1", port = 0, metrics-port = -1 }
                pekko.loglevel = WARNING
                pekko.http.server { enable-http2 = on, preview.enable-http2 = on, idle-timeout = infinite }
                pekko.http.server.parsing.max-content-length = infinite
                """).withFallback(ConfigFactory.load()), BuiltinEnvironments.registry())) {
            for (int i = 3; i < args.length; i++) {
                long seed = Long.parseLong(args[i]);
                PpoSettings s = PpoSettings.defaults("CartPole-v1", "127.0.0.1", server.port(), steps, seed)
                        .with(4, 128, lr, out.resolve("seed-" + seed));
                long t0 = System.nanoTime();
                TrainResult r = PpoTraining.run(s);
                System.out.printf(Locale.ROOT, "RESULT seed=%d steps=%d episodes=%d last20=%.1f last100=%.1f sps=%.0f wall=%.0fs%n",
                        seed, r.globalSteps(), r.episodes().size(), r.meanReturnLast(20), r.meanReturnLast(100), r.sps(),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
