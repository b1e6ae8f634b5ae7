package org.icugym.trainer.run;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Locale;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.envserver.EnvServer;
import org.icugym.trainer.ppo.PpoSettings;

/**
 * The acceptance runs: PPO through an in-process environment server for several seeds, printing
 * the mean return of the last 20 and 100 episodes of each. Arguments: environment id, total steps,
 * learning rate, output folder, seeds.
 */
public final class PpoBenchmark {
    private PpoBenchmark() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) {
        String env = args[0];
        long steps = Long.parseLong(args[1]);
        double lr = Double.parseDouble(args[2]);
        Path out = Path.of(args[3]);
        try (EnvServer server = EnvServer.start(ConfigFactory.parseString("""
                icugym.env-server { host = "127.0.0.1", port = 0, metrics-port = -1 }
                pekko.loglevel = WARNING
                pekko.http.server.idle-timeout = infinite
                pekko.http.server.parsing.max-content-length = infinite
                """).withFallback(ConfigFactory.load()), BuiltinEnvironments.registry())) {
            for (int i = 4; i < args.length; i++) {
                long seed = Long.parseLong(args[i]);
                PpoSettings s = PpoSettings.defaults(env, "127.0.0.1", server.port(), steps, seed)
                        .with(4, 128, lr, out.resolve("seed-" + seed));
                long t0 = System.nanoTime();
                TrainResult r = PpoTraining.run(s);
                System.out.printf(Locale.ROOT, "RESULT env=%s seed=%d steps=%d episodes=%d last20=%.1f last100=%.1f sps=%.0f wall=%.0fs%n",
                        env, seed, r.globalSteps(), r.episodes().size(), r.meanReturnLast(20), r.meanReturnLast(100), r.sps(),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
