package org.icugym.cli.train;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.icugym.trainer.ppo.PpoSettings;
import org.icugym.trainer.run.PpoTraining;
import org.icugym.trainer.run.TrainResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code icugym train}: trains a PPO policy (CleanRL's defaults) against a running environment
 * server, writing the metrics as JSONL into {@code --out}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a PPO policy against an environment server (learner + rollout worker actors).")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--env", required = true, description = "Environment id, e.g. CartPole-v1 or ICU-Sepsis-v2.")
    String envId;

    @Option(names = "--env-server", defaultValue = "127.0.0.1:50051",
            description = "Environment server as host:port (default: ${DEFAULT-VALUE}).")
    String envServer;

    @Option(names = "--total-steps", defaultValue = "200000", description = "Environment steps (default: ${DEFAULT-VALUE}).")
    long totalSteps;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Folder for metrics.jsonl (created if missing).")
    Path out;

    @Option(names = "--num-envs", defaultValue = "4", description = "Environments per rollout (default: ${DEFAULT-VALUE}).")
    int numEnvs;

    @Option(names = "--num-steps", defaultValue = "128", description = "Steps per environment per rollout (default: ${DEFAULT-VALUE}).")
    int numSteps;

    @Option(names = "--learning-rate", defaultValue = "2.5e-4", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--workers", defaultValue = "1", description = "Rollout workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Override
    public Integer call() {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("ai.djl.default_engine", System.getProperty("ai.djl.default_engine", "PyTorch"));
        int colon = envServer.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--env-server must be host:port, got " + envServer);
        }
        int port;
        try {
            port = Integer.parseInt(envServer.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--env-server must end in a port number, got " + envServer, e);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
        }
        PpoSettings settings = PpoSettings.defaults(envId, envServer.substring(0, colon), port, totalSteps, seed)
                .with(numEnvs, numSteps, learningRate, out);
        TrainResult r = PpoTraining.run(settings, workers, com.typesafe.config.ConfigFactory.load());
        System.out.printf(Locale.ROOT, "trained %d steps in %d updates (%.0f steps/s); mean return of the last 20 episodes %.2f;"
                + " metrics in %s%n", r.globalSteps(), r.updates(), r.sps(), r.meanReturnLast(20), out.resolve("metrics.jsonl"));
        return 0;
    }
}
