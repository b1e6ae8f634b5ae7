package org.icugym.bench;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The environment-server load benchmark: starts the environment server and the transport-echo
 * baseline as separate JVMs on loopback, drives both with the same closed-loop load (unary Step,
 * Session stream, vectorized sessions), measures the in-process step rate, and prints a Markdown
 * table with the ratios. Every figure of one report comes from one run on one machine.
 */
@Command(name = "icugym-bench", mixinStandardHelpOptions = true,
        description = "Env steps/s through the server vs the bare transport and the in-process rate.")
public final class EnvBenchmark implements Callable<Integer> {
    @Option(names = "--launcher", description = "Environment server launcher (default: ${DEFAULT-VALUE}).")
    Path launcher = Path.of("bin/icugym");

    @Option(names = "--env", description = "Environment id (default: ${DEFAULT-VALUE}).")
    String envId = "CartPole-v1";

    @Mixin
    MeasurementOptions measurement = new MeasurementOptions();

    private final List<String[]> rows = new ArrayList<>();

    /** Runs the benchmark; exit code 0 on success. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new EnvBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String cp = Path.of(EnvBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        double raw1 = InProcessStepRate.measure(envId, 1, measurement.warmup, measurement.seconds);
        double raw256 = InProcessStepRate.measure(envId, 256, measurement.warmup, measurement.seconds);
        ServerProcess echo = ServerProcess.start("transport-echo", List.of(javaBin(), jvmFlag(), "-cp", cp,
                TransportEchoServer.class.getName()));
        List<Case> echoCases;
        try {
            echoCases = runCases(echo.port(), RawGrpc.ECHO_SERVICE, false);
        } finally {
            echo.stop();
        }
        ServerProcess env = ServerProcess.start("env-server", List.of(launcher.toString(), "serve", "--host", "127.0.0.1"));
        List<Case> envCases;
        try {
            envCases = runCases(env.port(), RawGrpc.ENV_SERVICE, true);
        } finally {
            env.stop();
        }
        String report = report(echoCases, envCases, raw1, raw256);
        measurement.publish(report);
        return 0;
    }

    /** One load case and its measured rate. */
    record Case(String name, String path, int clients, int numEnvs, ClosedLoopLoad.Rate rate) {}

    private List<Case> runCases(int port, String service, boolean needsSessions) throws Exception {
        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            channels.add(RawGrpc.channel(port));
        }
        try {
            List<Case> cases = new ArrayList<>();
            for (int clients : new int[] {1, 16, 64}) {
                cases.add(run(channels, service, needsSessions, "unary", clients, 1));
            }
            for (int clients : new int[] {1, 16, 64}) {
                cases.add(run(channels, service, needsSessions, "stream", clients, 1));
            }
            for (int clients : new int[] {1, 4}) {
                cases.add(run(channels, service, needsSessions, "stream", clients, 256));
            }
            cases.add(run(channels, service, needsSessions, "unary", 4, 256));
            return cases;
        } finally {
            for (ManagedChannel ch : channels) {
                ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private Case run(List<ManagedChannel> channels, String service, boolean needsSessions, String path, int clients,
            int numEnvs) throws InterruptedException {
        List<String> sessions = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            sessions.add(needsSessions ? RawGrpc.createSession(channels.get(c % channels.size()), envId, numEnvs, c) : "");
        }
        ClosedLoopLoad.Rate r = path.equals("unary")
                ? ClosedLoopLoad.unary(channels, service, sessions, numEnvs, measurement.warmup, measurement.seconds)
                : ClosedLoopLoad.stream(channels, service, sessions, numEnvs, measurement.warmup, measurement.seconds);
        String name = path + ", " + numEnvs + " env" + (numEnvs > 1 ? "s" : "") + "/session, " + clients + " client"
                + (clients > 1 ? "s" : "");
        System.err.printf(Locale.ROOT, "%-8s %-45s %,12.0f env-steps/s%n", service.contains("Echo") ? "echo" : "server",
                name, r.envStepsPerSecond());
        return new Case(name, path, clients, numEnvs, r);
    }

    private String report(List<Case> echo, List<Case> env, double raw1, double raw256) {
        StringBuilder sb = new StringBuilder();
        sb.append("| case | server env-steps/s | echo env-steps/s | server / echo |\n|---|---:|---:|---:|\n");
        for (int i = 0; i < env.size(); i++) {
            Case s = env.get(i);
            Case e = echo.get(i);
            sb.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f |%n", s.name(), s.rate().envStepsPerSecond(),
                    e.rate().envStepsPerSecond(), s.rate().envStepsPerSecond() / e.rate().envStepsPerSecond()));
        }
        sb.append(String.format(Locale.ROOT, "%nIn-process %s step rate (no gRPC, no actors): %,.0f env-steps/s with 1 env, "
                + "%,.0f env-steps/s with 256 envs per vector.%n", envId, raw1, raw256));
        sb.append(ratioLines(env, raw256));
        return sb.toString();
    }

    private static String ratioLines(List<Case> env, double raw256) {
        double unary16 = find(env, "unary", 16, 1);
        double stream16 = find(env, "stream", 16, 1);
        double unary1 = find(env, "unary", 1, 1);
        double stream1 = find(env, "stream", 1, 1);
        double vec = Math.max(find(env, "stream", 1, 256), find(env, "stream", 4, 256));
        return String.format(Locale.ROOT, "%nSession stream / unary Step at 1 env/session: %.2f (1 client), %.2f (16 clients). "
                + "Best 256-env vectorized rate through the server / in-process 256-env rate: %.2f.%n",
                stream1 / unary1, stream16 / unary16, vec / raw256);
    }

    private static double find(List<Case> cases, String path, int clients, int numEnvs) {
        return cases.stream().filter(c -> c.path().equals(path) && c.clients() == clients && c.numEnvs() == numEnvs)
                .findFirst().orElseThrow().rate().envStepsPerSecond();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jvmFlag() {
        return "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2";
    }

    /** Unused-warning guard for IOException in signatures of helpers. */
    static void rethrow(IOException e) throws IOException {
        throw e;
    }
}
