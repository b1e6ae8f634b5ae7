package org.icugym.bench;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.icugym.proto.v1.ActionPlan;
import org.icugym.proto.v1.SimulateRequest;
import org.icugym.proto.v1.SimulateResponse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The latency of one Simulate call over gRPC: starts the environment server as a child JVM on
 * loopback (or uses a running one), opens one {@code Sepsis-Physiology-v1} session and times
 * sequential unary Simulate calls of K candidates × H steps × N samples from one client. Prints
 * the median, p90, p99 and mean in milliseconds.
 */
@Command(name = "simulate-latency", mixinStandardHelpOptions = true,
        description = "Latency of unary Simulate calls (K candidates x H steps x N samples) over loopback gRPC.")
public final class SimulateLatency implements Callable<Integer> {
    @Option(names = "--launcher", description = "Environment server launcher (default: ${DEFAULT-VALUE}).")
    Path launcher = Path.of("bin/icugym");

    @Option(names = "--port", description = "Use the server already listening on this loopback port (0 = start one).")
    int port;

    @Option(names = "--env", description = "Environment id (default: ${DEFAULT-VALUE}).")
    String envId = "Sepsis-Physiology-v1";

    @Option(names = "-K", description = "Candidate plans per call (default: ${DEFAULT-VALUE}).")
    int candidates = 3;

    @Option(names = "-H", description = "Actions per plan (default: ${DEFAULT-VALUE}).")
    int horizon = 3;

    @Option(names = "-N", description = "Samples per candidate (default: ${DEFAULT-VALUE}).")
    int samples = 8;

    @Option(names = "--warmup", description = "Untimed calls first (default: ${DEFAULT-VALUE}).")
    int warmup = 500;

    @Option(names = "--calls", description = "Timed calls (default: ${DEFAULT-VALUE}).")
    int calls = 2000;

    /** Runs the measurement; exit code 0 on success. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulateLatency()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ServerProcess server = port == 0
                ? ServerProcess.start("env-server", List.of(launcher.toString(), "serve", "--host", "127.0.0.1"))
                : null;
        ManagedChannel channel = RawGrpc.channel(server != null ? server.port() : port);
        try {
            String session = RawGrpc.createSession(channel, envId, 1, 1L);
            SimulateRequest request = request(session);
            MethodDescriptor<SimulateRequest, SimulateResponse> simulate = RawGrpc.method(RawGrpc.ENV_SERVICE,
                    "Simulate", MethodDescriptor.MethodType.UNARY, SimulateRequest.getDefaultInstance(),
                    SimulateResponse.getDefaultInstance());
            for (int i = 0; i < warmup; i++) {
                ClientCalls.blockingUnaryCall(channel, simulate, CallOptions.DEFAULT, request);
            }
            long[] nanos = new long[calls];
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                ClientCalls.blockingUnaryCall(channel, simulate, CallOptions.DEFAULT, request);
                nanos[i] = System.nanoTime() - start;
            }
            System.out.println(report(nanos));
            return 0;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            if (server != null) {
                server.stop();
            }
        }
    }

    private SimulateRequest request(String session) {
        SimulateRequest.Builder b = SimulateRequest.newBuilder().setSessionId(session).setNumSamples(samples);
        for (int k = 0; k < candidates; k++) {
            ActionPlan.Builder plan = ActionPlan.newBuilder();
            for (int h = 0; h < horizon; h++) {
                plan.addActions((k * 7L + h * 3L) % 25);
            }
            b.addCandidates(plan);
        }
        return b.build();
    }

    private String report(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        return String.format(Locale.ROOT, "Simulate %s K=%d H=%d N=%d, %d calls after %d warm-up: median %.3f ms, "
                        + "p90 %.3f ms, p99 %.3f ms, mean %.3f ms", envId, candidates, horizon, samples, calls, warmup,
                percentile(sorted, 0.5), percentile(sorted, 0.9), percentile(sorted, 0.99), mean);
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
