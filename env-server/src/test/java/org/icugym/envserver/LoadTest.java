package org.icugym.envserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.icugym.envserver.testing.StandaloneEnvServer;
import org.icugym.envserver.testing.Tensors;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.EnvServiceClient;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.StepRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 concurrent sessions in one server JVM started with {@code -Xmx1g}, each reset and stepped
 * repeatedly, with no errors; then every session is abandoned and the idle reaper must reclaim all
 * of them. Run with {@code ./mvnw -Pload -pl env-server test}.
 */
@Tag("load")
class LoadTest {
    private static final int SESSIONS = 10_000;
    private static final int ROUNDS = 10;
    private static final int IN_FLIGHT = 64;

    @Test
    void tenThousandConcurrentSessionsInOneGigabyteThenReaped(@TempDir Path dir) throws Exception {
        Path portFile = dir.resolve("ports");
        Process server = new ProcessBuilder(javaBin(), "-Xmx1g",
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
                "-Dicugym.env-server.host=127.0.0.1", "-Dicugym.env-server.port=0",
                "-Dicugym.env-server.metrics-port=0", "-Dicugym.env-server.idle-timeout=30s",
                "-Dicugym.env-server.reaper-interval=1s", "-Dpekko.loglevel=WARNING",
                "-cp", System.getProperty("java.class.path"), StandaloneEnvServer.class.getName(), portFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        ActorSystem<Void> client = ActorSystem.create(Behaviors.empty(), "load-client",
                ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
        try {
            while (!Files.exists(portFile)) {
                assertThat(server.isAlive()).as("server log: %s", dir.resolve("server.log")).isTrue();
                Thread.sleep(100);
            }
            String[] ports = Files.readString(portFile).trim().split(" ");
            int metricsPort = Integer.parseInt(ports[1]);
            EnvServiceClient env = EnvServiceClient.create(GrpcClientSettings.connectToServiceAt("127.0.0.1",
                    Integer.parseInt(ports[0]), client).withTls(false), client);

            long start = System.nanoTime();
            String[] ids = new String[SESSIONS];
            AtomicInteger errors = new AtomicInteger();
            AtomicReference<Throwable> firstError = new AtomicReference<>();
            run(SESSIONS, i -> env.createSession(CreateSessionRequest.newBuilder().setEnvId("CartPole-v1").setSeed(i)
                    .build()).thenAccept(r -> ids[i] = r.getSessionId()), errors, firstError);
            run(SESSIONS, i -> env.reset(ResetRequest.newBuilder().setSessionId(ids[i]).build()), errors, firstError);
            assertThat(openSessions(metricsPort)).isEqualTo(SESSIONS);
            long stepStart = System.nanoTime();
            for (int round = 0; round < ROUNDS; round++) {
                run(SESSIONS, i -> env.step(StepRequest.newBuilder().setSessionId(ids[i])
                        .setActions(Tensors.int64(i % 2)).build()), errors, firstError);
            }
            double stepSeconds = (System.nanoTime() - stepStart) / 1e9;
            String metrics = scrape(metricsPort);
            double heapUsed = sum(metrics, "jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} (\\S+)");
            System.out.printf(Locale.ROOT, "load: %d sessions open, %d steps in %.1f s (%.0f steps/s), %d errors, "
                            + "server heap used %.0f MiB (-Xmx1g), total %.1f s%n", openSessions(metricsPort),
                    SESSIONS * ROUNDS, stepSeconds, SESSIONS * ROUNDS / stepSeconds, errors.get(), heapUsed / (1 << 20),
                    (System.nanoTime() - start) / 1e9);
            assertThat(errors.get()).as("errors (first: %s)", firstError.get()).isZero();
            assertThat(openSessions(metricsPort)).isEqualTo(SESSIONS);

            long abandoned = System.nanoTime();
            for (int i = 0; i < 1200 && openSessions(metricsPort) > 0; i++) {
                Thread.sleep(100);
            }
            System.out.printf(Locale.ROOT, "load: idle reaper closed the abandoned sessions within %.1f s%n",
                    (System.nanoTime() - abandoned) / 1e9);
            assertThat(openSessions(metricsPort)).isZero();
            assertThat(sum(scrape(metricsPort), "icugym_sessions_reaped_total (\\S+)")).isEqualTo(SESSIONS);
            env.close();
        } finally {
            client.terminate();
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code n} calls with at most {@link #IN_FLIGHT} in flight; waits for all. */
    private static void run(int n, IntFunction<CompletionStage<?>> call, AtomicInteger errors,
            AtomicReference<Throwable> firstError) throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        for (int i = 0; i < n; i++) {
            slots.acquire();
            call.apply(i).whenComplete((r, e) -> {
                if (e != null) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e);
                }
                slots.release();
            });
        }
        slots.acquire(IN_FLIGHT);
    }

    private static int openSessions(int metricsPort) throws Exception {
        return (int) sum(scrape(metricsPort), "icugym_sessions_open (\\S+)");
    }

    private static String scrape(int metricsPort) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double sum(String metrics, String regex) {
        Matcher m = Pattern.compile("(?m)^" + regex + "$").matcher(metrics);
        double total = 0;
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
            seen.add(m.group());
        }
        assertThat(seen).as("metric %s", regex).isNotEmpty();
        return total;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
