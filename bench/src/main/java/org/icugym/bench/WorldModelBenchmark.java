package org.icugym.bench;

import com.typesafe.config.ConfigFactory;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.core.random.Rng;
import org.icugym.envserver.EnvServer;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.data.StaySequence;
import org.icugym.worldmodel.env.HeldOutStays;
import org.icugym.worldmodel.env.WorldModelEnvFactory;
import org.icugym.worldmodel.inference.WorldModel;
import org.icugym.worldmodel.model.InputEncoding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code Sepsis-WorldModel-v1} throughput benchmark: 1,024 concurrent environments as
 * vectorized sessions on Session streams through a real environment server (its inference pool
 * batching every session's rows) against the raw batched forward rate of the same artifact in
 * one process (one {@link WorldModel}, 1,024 rows per call, a member drawn per row, no actors, no
 * gRPC), then the latency of Simulate calls. The server runs in this JVM on loopback, so client
 * and server share the machine's cores (as the other benchmarks' separate JVMs do).
 */
@Command(name = "world-model-bench", mixinStandardHelpOptions = true,
        description = "Sepsis-WorldModel-v1 env-steps/s through the server vs the raw batched forward rate.")
public final class WorldModelBenchmark implements Callable<Integer> {
    private static final int ENVS = 1024;

    @Option(names = "--artifact", description = "World-model artifact (default: ${DEFAULT-VALUE}); with --prepare, "
            + "written first if missing.")
    Path artifact = Path.of("target/world-model-bench/world-model.zip");

    @Option(names = "--cohort", description = "Cohort directory with test.csv.gz (default: ${DEFAULT-VALUE}); with "
            + "--prepare, generated first if missing.")
    Path cohort = Path.of("target/world-model-bench/cohort");

    @Option(names = "--prepare", description = "If missing, generate a 2,000-stay cohort and fit the default "
            + "architecture for 2 epochs (quality does not matter for throughput; the architecture does).")
    boolean prepare;

    @Option(names = "--pool-size", description = "Inference workers (default: ${DEFAULT-VALUE}; 0 = one per core).")
    int poolSize = 1;

    @Option(names = "--max-batch", description = "Worker flush size in rows (default: ${DEFAULT-VALUE}).")
    int maxBatch = 1024;

    @Option(names = "--max-delay-ms", description = "Worker flush deadline, ms (default: ${DEFAULT-VALUE}).")
    double maxDelayMs = 1;

    @Option(names = "--simulate-calls", description = "Timed Simulate calls, K=3 H=3 N=8 (default: ${DEFAULT-VALUE}).")
    int simulateCalls = 300;

    @Mixin
    MeasurementOptions measurement = new MeasurementOptions();

    /** Runs the benchmark; exit code 0 on success. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new WorldModelBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        setDefault("ai.djl.offline", "true");
        setDefault("ai.djl.pytorch.num_threads", "1");
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
        if (prepare) {
            prepareModel();
        }
        double raw = rawForwardRate();
        System.err.printf(Locale.ROOT, "raw batched forward: %,.0f rows/s%n", raw);
        double inProcess = inProcessEnvRate();
        System.err.printf(Locale.ROOT, "in-process env, 1,024 envs: %,.0f env-steps/s%n", inProcess);
        List<String[]> rows = new ArrayList<>();
        try (EnvServer server = EnvServer.start(ConfigFactory.parseString(String.format(Locale.ROOT, """
                icugym.env-server { host = "127.0.0.1", port = 0, metrics-port = -1, max-envs-per-session = 4096 }
                icugym.env-server.world-model { artifact = "%s", cohort = "%s", pool-size = %d, max-batch = %d,
                  max-delay = %.3f ms }
                pekko.loglevel = WARNING
                """, artifact, cohort, poolSize, maxBatch, maxDelayMs)).withFallback(ConfigFactory.load()),
                BuiltinEnvironments.registry())) {
            List<ManagedChannel> channels = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                channels.add(RawGrpc.channel(server.port()));
            }
            try {
                for (int[] c : new int[][] {{4, 256}, {1, 1024}, {16, 64}}) {
                    rows.add(streamCase(server, channels, c[0], c[1], raw));
                }
            } finally {
                for (ManagedChannel ch : channels) {
                    ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
            SimulateLatency latency = new SimulateLatency();
            latency.port = server.port();
            latency.envId = WorldModelEnvFactory.ID;
            latency.warmup = Math.max(20, simulateCalls / 5);
            latency.calls = simulateCalls;
            latency.call();
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Raw batched forward of %s (1,024 rows per "
                + "call, member drawn per row, 1 PyTorch thread): %,.0f rows/s.%n%n", artifact.getFileName(), raw));
        sb.append("| case (1,024 envs in all) | env-steps/s | / raw forward | mean rows per forward |\n"
                + "|---|---:|---:|---:|\n");
        for (String[] r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        sb.append(String.format(Locale.ROOT, "%nIn-process Sepsis-WorldModel-v1, one 1,024-env vector with a direct "
                + "predictor (no actors, no gRPC): %,.0f env-steps/s (%.2f of raw).%n", inProcess, inProcess / raw));
        sb.append(String.format(Locale.ROOT, "%nServer: %d inference worker(s), max-batch %d rows, max-delay %.3f ms.%n",
                poolSize, maxBatch, maxDelayMs));
        measurement.publish(sb.toString());
        return 0;
    }

    private String[] streamCase(EnvServer server, List<ManagedChannel> channels, int sessions, int numEnvs, double raw)
            throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            ids.add(RawGrpc.createSession(channels.get(s % channels.size()), WorldModelEnvFactory.ID, numEnvs, s));
        }
        double[] before = server.metrics().worldModelBatches();
        ClosedLoopLoad.Rate r = ClosedLoopLoad.stream(channels, RawGrpc.ENV_SERVICE, ids, numEnvs, measurement.warmup,
                measurement.seconds);
        double[] after = server.metrics().worldModelBatches();
        double meanBatch = (after[1] - before[1]) / Math.max(1, after[0] - before[0]);
        String name = sessions + " Session stream" + (sessions > 1 ? "s" : "") + " x " + numEnvs + " envs";
        System.err.printf(Locale.ROOT, "%-40s %,12.0f env-steps/s, mean forward batch %.0f rows%n", name,
                r.envStepsPerSecond(), meanBatch);
        return new String[] {name, String.format(Locale.ROOT, "%,.0f", r.envStepsPerSecond()),
            String.format(Locale.ROOT, "%.2f", r.envStepsPerSecond() / raw), String.format(Locale.ROOT, "%.0f", meanBatch)};
    }

    /** Env-steps/s of one 1,024-env vector stepped in this thread with a direct predictor. */
    private double inProcessEnvRate() {
        WorldModelArtifact model = WorldModelArtifact.load(artifact);
        HeldOutStays heldOut = HeldOutStays.testSplit(cohort, model.standardizer());
        try (WorldModel wm = WorldModel.open(model, "cpu")) {
            var factory = new WorldModelEnvFactory(new org.icugym.worldmodel.env.WorldModelEnvironment(model, heldOut,
                    org.icugym.worldmodel.env.BatchPredictor.direct(wm)));
            var session = new org.icugym.core.env.VectorSession(factory.create(ENVS, java.util.Map.of()),
                    org.icugym.core.env.AutoresetMode.NEXT_STEP, 1L);
            session.reset(null, null, null, null);
            long[] actions = new long[ENVS];
            long warmEnd = System.nanoTime() + (long) (measurement.warmup * 1e9);
            while (System.nanoTime() < warmEnd) {
                session.step(actions);
            }
            long steps = 0;
            long start = System.nanoTime();
            long end = start + (long) (measurement.seconds * 1e9);
            while (System.nanoTime() < end) {
                actions[(int) (steps % ENVS)] = steps % 25;
                session.step(actions);
                steps++;
            }
            return steps * ENVS / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Rows per second of {@code predict(memberOfRow, rows, 1024)} on real held-out windows. */
    private double rawForwardRate() {
        WorldModelArtifact model = WorldModelArtifact.load(artifact);
        List<StaySequence> stays = HeldOutStays.testSplit(cohort, model.standardizer()).stays();
        try (WorldModel wm = WorldModel.open(model, "cpu")) {
            InputEncoding enc = wm.encoding();
            int width = enc.inputSize();
            float[] inputs = new float[ENVS * width];
            int[] members = new int[ENVS];
            Rng rng = new Rng(1);
            for (int r = 0; r < ENVS; r++) {
                StaySequence s = stays.get(rng.nextInt(stays.size()));
                int t = rng.nextInt(s.steps());
                enc.encode(s.features(), s.masks(), s.ventilation(), s.actions(), t, rng.nextInt(25), s.statics(), inputs,
                        r * width);
                members[r] = rng.nextInt(wm.members());
            }
            long warmEnd = System.nanoTime() + (long) (measurement.warmup * 1e9);
            while (System.nanoTime() < warmEnd) {
                wm.predict(members, inputs, ENVS);
            }
            long calls = 0;
            long start = System.nanoTime();
            long end = start + (long) (measurement.seconds * 1e9);
            while (System.nanoTime() < end) {
                wm.predict(members, inputs, ENVS);
                calls++;
            }
            return calls * ENVS / ((System.nanoTime() - start) / 1e9);
        }
    }

    private void prepareModel() throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(cohort)) {
            System.err.println("generating a 2,000-stay cohort in " + cohort);
            org.icugym.core.clinical.cohort.CohortGenerator.DEFAULT.write(cohort, 2000, 2026, n -> { });
        }
        if (!java.nio.file.Files.isRegularFile(artifact)) {
            System.err.println("fitting the default architecture (2 epochs) to " + artifact);
            org.icugym.worldmodel.train.TrainConfig config = org.icugym.worldmodel.train.TrainConfig.defaults()
                    .withSeed(1).withEpochs(2, 2);
            org.icugym.worldmodel.train.WorldModelTrainer.fit(
                    org.icugym.worldmodel.data.CohortDirectorySource.of(cohort).load(), config).save(artifact);
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
