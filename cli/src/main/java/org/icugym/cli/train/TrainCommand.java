package org.icugym.cli.train;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.icugym.trainer.checkpoint.CheckpointException;
import org.icugym.trainer.run.PolicyEvaluation;
import org.icugym.trainer.run.PpoTraining;
import org.icugym.trainer.run.TrainConfig;
import org.icugym.trainer.run.TrainResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code icugym train}: trains a PPO policy against a running environment server, or continues a
 * checkpointed run ({@code --resume DIR}), then optionally evaluates it. Values come from the
 * defaults, then a config file ({@code --config}, HOCON or JSON with the flags' names as keys), then
 * the flags.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a PPO policy against an environment server (learner + rollout worker actors).",
            "Writes OUT/config.json, OUT/metrics.jsonl, OUT/learning_curve.png and OUT/checkpoints/."})
public final class TrainCommand implements Callable<Integer> {
    private static final int BAD_INPUT = 2;
    private static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "HOCON or JSON file with the flags' names as keys (flags override it).")
    Path config;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its newest checkpoint.")
    Path resume;

    @Option(names = "--env", description = "Environment id, e.g. CartPole-v1 or ICU-Sepsis-v2 (required).")
    String env;

    @Option(names = "--env-server", description = "Environment server as host:port (default: 127.0.0.1:50051).")
    String envServer;

    @Option(names = "--out", description = "Run folder, created if missing (required unless --resume or --role rollout).")
    String out;

    @Option(names = "--total-steps", description = "Environment steps of the run (default: 200000).")
    String totalSteps;

    @Option(names = "--seed", description = "Seed of the network, sampling, minibatches, environments (default: 1).")
    String seed;

    @Option(names = "--num-envs", description = "Environments per rollout worker (default: 4).")
    String numEnvs;

    @Option(names = "--num-steps", description = "Steps per environment per rollout (default: 128).")
    String numSteps;

    @Option(names = "--learning-rate", description = "Adam learning rate at the start (default: 2.5e-4).")
    String learningRate;

    @Option(names = "--anneal-lr", paramLabel = "BOOL", description = "Anneal the learning rate linearly to 0 (default: true).")
    String annealLr;

    @Option(names = "--gamma", description = "Discount factor (default: 0.99).")
    String gamma;

    @Option(names = "--gae-lambda", description = "GAE lambda (default: 0.95).")
    String gaeLambda;

    @Option(names = "--num-minibatches", description = "Minibatches per epoch (default: 4).")
    String numMinibatches;

    @Option(names = "--update-epochs", description = "Epochs per update (default: 4).")
    String updateEpochs;

    @Option(names = "--norm-adv", paramLabel = "BOOL", description = "Normalise advantages per minibatch (default: true).")
    String normAdv;

    @Option(names = "--clip-coef", description = "Surrogate clip coefficient (default: 0.2).")
    String clipCoef;

    @Option(names = "--clip-vloss", paramLabel = "BOOL", description = "Clip the value loss (default: true).")
    String clipVloss;

    @Option(names = "--ent-coef", description = "Entropy bonus coefficient (default: 0.01).")
    String entCoef;

    @Option(names = "--vf-coef", description = "Value loss coefficient (default: 0.5).")
    String vfCoef;

    @Option(names = "--max-grad-norm", description = "Global gradient-norm clip (default: 0.5).")
    String maxGradNorm;

    @Option(names = "--target-kl", description = "Stop an update's epochs above this approx-KL (default: none).")
    String targetKl;

    @Option(names = "--hidden", description = "Hidden layer widths of actor and critic (default: 64,64).")
    String hidden;

    @Option(names = "--device", description = "DJL device, cpu or gpu0 (default: cpu).")
    String device;

    @Option(names = "--max-staleness", description = "Policy versions a batch may lag (default: 0).")
    String maxStaleness;

    @Option(names = "--checkpoint-every", description = "Checkpoint every K updates, 0 for never (default: 50).")
    String checkpointEvery;

    @Option(names = "--workers", description = "Rollout workers on this node (default: 1).")
    String workers;

    @Option(names = "--eval-episodes", description = "Evaluation episodes after training, 0 for none (default: 0).")
    String evalEpisodes;

    @Option(names = "--eval-mode", description = "greedy (most probable action) or sample (default: greedy).")
    String evalMode;

    @Option(names = "--quiet", description = "No progress bar (a log line per update instead).")
    boolean quiet;

    @Option(names = "--role", paramLabel = "ROLE", description = {"Run as one node of a training cluster: learner"
            + " (may host the learner), rollout (runs --workers rollout workers) or all (both). Without it, one process"
            + " trains alone."})
    String role;

    @Option(names = "--seed-nodes", paramLabel = "HOST:PORT,...", split = ",",
            description = "Cluster nodes to join; none for the first node, which forms the cluster.")
    java.util.List<String> seedNodes = java.util.List.of();

    @Option(names = "--cluster-host", description = "Address other nodes reach this node at (default: 127.0.0.1).")
    String clusterHost = "127.0.0.1";

    @Option(names = "--cluster-port", description = "Cluster port of this node, 0 for any (default: 2551).")
    int clusterPort = 2551;

    @Option(names = "--first-worker", description = "Index of this node's first rollout worker; give each rollout node"
            + " its own range, it offsets the environment seeds (default: 0).")
    int firstWorker;

    @Override
    public Integer call() {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("ai.djl.default_engine", System.getProperty("ai.djl.default_engine", "PyTorch"));
        PrintWriter err = spec.commandLine().getErr();
        TrainConfig train;
        try {
            Map<String, Object> values = configValues();
            if ("rollout".equals(role)) {
                // a rollout node writes nothing: the run folder belongs to the learner's node
                values.putIfAbsent("out", ".");
            }
            train = resume != null ? PpoTraining.resumeConfig(resume, values) : TrainConfig.from(values);
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
        if (role != null) {
            return ClusterNodeRun.run(train, role, seedNodes, clusterHost, clusterPort, firstWorker, resume != null,
                    spec.commandLine().getOut(), err);
        }
        TrainResult r;
        try {
            r = train(train);
        } catch (IllegalArgumentException | CheckpointException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (IllegalStateException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
        PrintWriter o = spec.commandLine().getOut();
        double[] f = r.times().fractions();
        Path dir = train.ppo().outDir();
        o.printf(Locale.ROOT, "trained %d steps in %d updates (%.0f steps/s); mean return of the last 20 episodes %.3f%n",
                r.globalSteps(), r.updates(), r.sps(), r.meanReturnLast(20));
        o.printf(Locale.ROOT, "time: env %.0f%%, inference %.0f%%, learning %.0f%% (%.1f s, %.1f s, %.1f s); %d stale batches"
                + " rejected; metrics in %s%n", 100 * f[0], 100 * f[1], 100 * f[2], r.times().envSeconds(),
                r.times().inferenceSeconds(), r.times().learnSeconds(), r.rejected(), dir.resolve("metrics.jsonl"));
        o.flush();
        if (train.evalEpisodes() > 0) {
            try {
                PolicyEvaluation.Result e = PolicyEvaluation.evaluate(train.ppo().envServerHost(),
                        train.ppo().envServerPort(), train.ppo().envId(), r.weights(), train.ppo().hidden(),
                        train.evalEpisodes(), train.evalGreedy(), train.ppo().seed() + 1_000_000, ConfigFactory.load());
                o.printf(Locale.ROOT, "evaluation (%s): mean return %.4f ± %.4f (95%% CI) over %d episodes%n",
                        e.greedy() ? "greedy" : "sampled", e.meanReturn(), e.ci95(), e.episodes());
                writeEvaluation(dir, e);
            } catch (IllegalStateException | UncheckedIOException e) {
                err.println("error: evaluation failed: " + e.getMessage());
                return FAILED;
            }
        }
        o.flush();
        return 0;
    }

    private TrainResult train(TrainConfig train) {
        if (quiet) {
            return PpoTraining.run(train, resume != null, ConfigFactory.load(), p -> { }, false);
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(resume != null ? "resume" : "train")
                .setInitialMax(train.ppo().numUpdates() * train.ppo().batchSize()).setUnit(" steps", 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().build()) {
            return PpoTraining.run(train, resume != null, ConfigFactory.load(), p -> {
                bar.stepTo(p.globalStep());
                bar.setExtraMessage(String.format(Locale.ROOT, "  SPS %.0f  return %.3f", p.sps(), p.recentReturn()));
            }, true);
        }
    }

    /** Defaults are filled in later; here the config file's values, then every flag given. */
    private Map<String, Object> configValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new IllegalArgumentException("--config " + config + " is not a file");
            }
            values.putAll(ConfigFactory.parseFile(config.toFile()).resolve().root().unwrapped());
        }
        for (OptionSpec opt : spec.commandLine().getParseResult().matchedOptions()) {
            String key = opt.longestName().substring(2);
            if (TrainConfig.DEFAULTS.containsKey(key)) {
                values.put(key, opt.getValue());
            }
        }
        return values;
    }

    private static void writeEvaluation(Path dir, PolicyEvaluation.Result e) {
        try {
            Files.writeString(dir.resolve("evaluation.json"), String.format(Locale.ROOT,
                    "{\"env_id\":\"%s\",\"episodes\":%d,\"mean_return\":%s,\"ci95\":%s,\"mode\":\"%s\"}%n", e.envId(),
                    e.episodes(), e.meanReturn(), e.ci95(), e.greedy() ? "greedy" : "sample"));
        } catch (java.io.IOException x) {
            throw new UncheckedIOException(x);
        }
    }

}
