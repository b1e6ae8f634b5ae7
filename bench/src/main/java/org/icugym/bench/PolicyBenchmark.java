package org.icugym.bench;

import com.google.protobuf.ByteString;
import com.typesafe.config.ConfigFactory;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.icugym.agent.Policies;
import org.icugym.agent.Policy;
import org.icugym.agent.PolicyWeights;
import org.icugym.agent.mlp.MlpActorCritic;
import org.icugym.core.random.Rng;
import org.icugym.policyserver.PolicyServer;
import org.icugym.policyserver.pool.PolicyOpener;
import org.icugym.proto.v1.ActRequest;
import org.icugym.proto.v1.ActResponse;
import org.icugym.proto.v1.DType;
import org.icugym.proto.v1.Tensor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The policy-server benchmark: Act throughput and latency of the PPO MLP at 1, 16 and 64
 * closed-loop callers (each keeps one single-row Act in flight), with dynamic batching on and off,
 * on one CPU worker. The server runs in this JVM on loopback; clients are bare grpc-java calls. Besides
 * rates it reports the JVM's CPU time per Act (server and callers), which a loaded machine does not
 * inflate the way it inflates latency.
 * Prints a Markdown table; every figure of one report comes from one run on one machine.
 */
@Command(name = "policy-bench", mixinStandardHelpOptions = true,
        description = "Act requests/s and p50/p99 latency through the policy server, batching on vs off.")
public final class PolicyBenchmark implements Callable<Integer> {
    private static final String SERVICE = "icugym.v1.PolicyService";

    @Option(names = "--obs", description = "Observation size (default: ${DEFAULT-VALUE}).")
    int obs = 48;

    @Option(names = "--actions", description = "Number of actions (default: ${DEFAULT-VALUE}).")
    int actions = 25;

    @Option(names = "--max-batch-size", description = "Batch size with batching on (default: ${DEFAULT-VALUE}).")
    int maxBatch = 64;

    @Option(names = "--max-delay-ms", description = "Max delay with batching on, ms (default: ${DEFAULT-VALUE}).")
    double maxDelayMs = 2;

    @Mixin
    MeasurementOptions measurement = new MeasurementOptions();

    /** Runs the benchmark; exit code 0 on success. */
    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("ai.djl.default_engine", System.getProperty("ai.djl.default_engine", "PyTorch"));
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "1"));
        System.setProperty("ai.djl.pytorch.num_interop_threads",
                System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
        System.exit(new CommandLine(new PolicyBenchmark()).execute(args));
    }

    /** One measured case. */
    record Case(boolean batching, int callers, double rps, double p50Ms, double p99Ms, double cpuUsPerAct) {}

    @Override
    public Integer call() throws Exception {
        PolicyWeights weights = MlpActorCritic.initialWeights(obs, actions, new int[] {64, 64}, 1);
        double forward1 = forwardMs(weights, 1);
        double forward64 = forwardMs(weights, maxBatch);
        List<Case> cases = new ArrayList<>();
        for (boolean batching : new boolean[] {false, true}) {
            String conf = batching
                    ? "icugym.policy-server { max-batch-size = " + maxBatch + ", max-delay = " + Math.round(maxDelayMs * 1000) + " us }"
                    : "icugym.policy-server { max-batch-size = 1, max-delay = 0 }";
            PolicyServer server = PolicyServer.start(ConfigFactory.parseString(conf + """
                    
                    icugym.policy-server { host = "127.0.0.1", port = 0, workers-per-device = 1 }
                    pekko.loglevel = WARNING
                    """).withFallback(ConfigFactory.load()), Map.of("ppo", weights), PolicyOpener.DEFAULT);
            ManagedChannel[] channels = new ManagedChannel[4];
            for (int i = 0; i < channels.length; i++) {
                channels[i] = RawGrpc.channel(server.port());
            }
            try {
                for (int callers : new int[] {1, 16, 64}) {
                    Case c = run(channels, batching, callers);
                    System.err.printf(Locale.ROOT, "batching %-3s %2d callers: %,9.0f Act/s  p50 %.2f ms  p99 %.2f ms%n",
                            batching ? "on" : "off", callers, c.rps(), c.p50Ms(), c.p99Ms());
                    cases.add(c);
                }
            } finally {
                for (ManagedChannel ch : channels) {
                    ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
                server.close();
            }
        }
        String report = report(cases, forward1, forward64);
        measurement.publish(report);
        return 0;
    }

    private double forwardMs(PolicyWeights weights, int rows) {
        try (Policy p = Policies.open(weights, "cpu")) {
            float[] x = new float[rows * obs];
            boolean[] det = new boolean[rows];
            Rng rng = new Rng(1);
            for (int i = 0; i < 200; i++) {
                p.act(x, rows, det, rng);
            }
            int n = 1000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                p.act(x, rows, det, rng);
            }
            return (System.nanoTime() - start) / 1e6 / n;
        }
    }

    private Case run(ManagedChannel[] channels, boolean batching, int callers) throws InterruptedException {
        MethodDescriptor<ActRequest, ActResponse> act = RawGrpc.method(SERVICE, "Act", MethodDescriptor.MethodType.UNARY,
                ActRequest.getDefaultInstance(), ActResponse.getDefaultInstance());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicReference<Throwable> error = new AtomicReference<>();
        long[][] latencies = new long[callers][];
        int[] counts = new int[callers];
        for (int c = 0; c < callers; c++) {
            latencies[c] = new long[1 << 16];
            loop(channels[c % channels.length], act, request(c), c, latencies, counts, running, measuring, error);
        }
        Thread.sleep((long) (measurement.warmup * 1000));
        measuring.set(true);
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        Thread.sleep((long) (measurement.seconds * 1000));
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = processCpuNanos() - cpuStart;
        running.set(false);
        Thread.sleep(300);
        if (error.get() != null) {
            throw new IllegalStateException("load run failed: " + error.get(), error.get());
        }
        long total = 0;
        List<Long> all = new ArrayList<>();
        synchronized (counts) {
            for (int c = 0; c < callers; c++) {
                total += counts[c];
                for (int i = 0; i < Math.min(counts[c], latencies[c].length); i++) {
                    all.add(latencies[c][i]);
                }
            }
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Case(batching, callers, total / elapsed, pct(sorted, 0.50), pct(sorted, 0.99),
                total == 0 ? Double.NaN : cpu / 1e3 / total);
    }

    /** CPU time of this JVM (server and callers together), ns; contention on a shared machine does not inflate it. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    private ActRequest request(int caller) {
        Rng rng = new Rng(caller);
        ByteBuffer b = ByteBuffer.allocate(obs * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < obs; i++) {
            b.putFloat((float) rng.uniform(-1, 1));
        }
        return ActRequest.newBuilder().setModelId("ppo").setObservations(Tensor.newBuilder()
                .setDtype(DType.DTYPE_FLOAT32).addShape(1).addShape(obs).setData(ByteString.copyFrom(b.array()))).build();
    }

    private static void loop(ManagedChannel ch, MethodDescriptor<ActRequest, ActResponse> m, ActRequest req, int caller,
            long[][] latencies, int[] counts, AtomicBoolean running, AtomicBoolean measuring,
            AtomicReference<Throwable> error) {
        long sent = System.nanoTime();
        ClientCalls.asyncUnaryCall(RawGrpc.call(ch, m), req, new StreamObserver<>() {
            @Override
            public void onNext(ActResponse value) {
                if (measuring.get()) {
                    synchronized (counts) {
                        int k = counts[caller]++;
                        if (k < latencies[caller].length) {
                            latencies[caller][k] = System.nanoTime() - sent;
                        }
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                error.compareAndSet(null, t);
                running.set(false);
            }

            @Override
            public void onCompleted() {
                if (running.get()) {
                    loop(ch, m, req, caller, latencies, counts, running, measuring, error);
                }
            }
        });
    }

    private String report(List<Case> cases, double forward1, double forward64) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "PPO MLP %d → 64 → 64 → %d+1, one CPU worker (PyTorch 1 thread); single-row "
                + "Act requests, closed loop; batching on = max-batch-size %d, max-delay %.1f ms; off = 1 and 0.%n%n",
                obs, actions, maxBatch, maxDelayMs));
        sb.append("| callers | batching off Act/s | p50 ms | p99 ms | CPU µs/Act | batching on Act/s | p50 ms | p99 ms "
                + "| CPU µs/Act | on / off |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int callers : new int[] {1, 16, 64}) {
            Case off = find(cases, false, callers);
            Case on = find(cases, true, callers);
            sb.append(String.format(Locale.ROOT, "| %d | %,.0f | %.2f | %.2f | %.0f | %,.0f | %.2f | %.2f | %.0f | %.2f |%n",
                    callers, off.rps(), off.p50Ms(), off.p99Ms(), off.cpuUsPerAct(), on.rps(), on.p50Ms(), on.p99Ms(),
                    on.cpuUsPerAct(), on.rps() / off.rps()));
        }
        sb.append(String.format(Locale.ROOT, "%nOne forward pass in-process: %.3f ms for 1 row, %.3f ms for %d rows. "
                + "Latency target at 64 callers: p99 < 2 × max-delay + one %d-row forward pass = %.2f ms.%n",
                forward1, forward64, maxBatch, maxBatch, 2 * maxDelayMs + forward64));
        return sb.toString();
    }

    private static Case find(List<Case> cases, boolean batching, int callers) {
        return cases.stream().filter(c -> c.batching() == batching && c.callers() == callers).findFirst().orElseThrow();
    }
}
