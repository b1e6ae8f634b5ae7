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
    double maxDelayMs = 0;

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
        List<String[]> rows = new ArrayList<>();
        try (RawForward raw = new RawForward();
                EnvServer server = EnvServer.start(ConfigFactory.parseString(String.format(Locale.ROOT, """
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
                raw.rate(measurement.warmup);
                double before = raw.rate(measurement.seconds);
                double inProcess = inProcessEnvRate(raw.model);
                rows.add(row("in process: one 1,024-env vector, direct predictor (no actors, no gRPC)", inProcess,
                        before, raw.rate(measurement.seconds), Double.NaN));
                for (int[] c : new int[][] {{4, 256}, {1, 1024}, {16, 64}}) {
                    before = raw.rate(measurement.seconds);
                    double[] r = streamCase(server, channels, c[0], c[1]);
                    String name = c[0] + " Session stream" + (c[0] > 1 ? "s" : "") + " x " + c[1] + " envs";
                    rows.add(row(name, r[0], before, raw.rate(measurement.seconds), r[1]));
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
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Raw rate: batched forward of %s, 1,024 "
                + "rows per call, member drawn per row, 1 PyTorch thread, measured just before and just after each case; "
                + "the ratio is against their mean.%n%n", artifact.getFileName()));
        sb.append("| case (1,024 envs in all) | env-steps/s | raw rows/s (before, after) | / raw "
                + "| mean rows per forward |\n|---|---:|---:|---:|---:|\n");
        for (String[] r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        sb.append(String.format(Locale.ROOT, "%nServer: %d inference worker(s), max-batch %d rows, max-delay %.3f ms.%n",
                poolSize, maxBatch, maxDelayMs));
        measurement.publish(sb.toString());
        return 0;
    }

    private static String[] row(String name, double rate, double before, double after, double meanBatch) {
        System.err.printf(Locale.ROOT, "%-75s %,10.0f env-steps/s; raw %,.0f / %,.0f rows/s%n", name, rate, before,
                after);
        return new String[] {name, String.format(Locale.ROOT, "%,.0f", rate),
            String.format(Locale.ROOT, "%,.0f, %,.0f", before, after),
            String.format(Locale.ROOT, "%.2f", rate / ((before + after) / 2)),
            Double.isNaN(meanBatch) ? "1,024" : String.format(Locale.ROOT, "%,.0f", meanBatch)};
    }

    /** {env-steps/s, mean rows per forward pass} of one closed-loop case. */
    private double[] streamCase(EnvServer server, List<ManagedChannel> channels, int sessions, int numEnvs)
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
        return new double[] {r.envStepsPerSecond(), meanBatch};
    }

    /** Env-steps/s of one 1,024-env vector stepped in this thread with a direct predictor. */
    private double inProcessEnvRate(WorldModelArtifact model) {
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

    /** The raw batched forward of the artifact: {@code predict(memberOfRow, rows, 1024)} on real held-out windows. */
    private final class RawForward implements AutoCloseable {
        final WorldModelArtifact model = WorldModelArtifact.load(artifact);
        private final WorldModel wm = WorldModel.open(model, "cpu");
        private final float[] inputs;
        private final int[] members = new int[ENVS];

        RawForward() {
            List<StaySequence> stays = HeldOutStays.testSplit(cohort, model.standardizer()).stays();
            InputEncoding enc = wm.encoding();
            int width = enc.inputSize();
            inputs = new float[ENVS * width];
            Rng rng = new Rng(1);
            for (int r = 0; r < ENVS; r++) {
                StaySequence s = stays.get(rng.nextInt(stays.size()));
                int t = rng.nextInt(s.steps());
                enc.encode(s.features(), s.masks(), s.ventilation(), s.actions(), t, rng.nextInt(25), s.statics(), inputs,
                        r * width);
                members[r] = rng.nextInt(wm.members());
            }
        }

        /** Rows per second over a window of {@code seconds}. */
        double rate(double seconds) {
            long calls = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                wm.predict(members, inputs, ENVS);
                calls++;
            }
            return calls * ENVS / ((System.nanoTime() - start) / 1e9);
        }

        @Override
        public void close() {
            wm.close();
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
