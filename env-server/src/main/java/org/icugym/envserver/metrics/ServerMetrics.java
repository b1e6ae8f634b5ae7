package org.icugym.envserver.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The environment server's metrics in a Prometheus registry: open sessions
 * ({@code icugym_sessions_open}), environment steps ({@code icugym_env_steps_total}, whose rate is
 * steps/s), step requests and their latency histogram ({@code icugym_step_latency_seconds}),
 * failed requests by status ({@code icugym_request_errors_total}) and reaped sessions
 * ({@code icugym_sessions_reaped_total}), world-model forward passes and their rows
 * ({@code icugym_world_model_batches_total}, {@code icugym_world_model_rows_total}: their ratio is
 * the mean batch), plus JVM memory and threads ({@code jvm_*}). Thread-safe.
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry;
    private final AtomicInteger openSessions = new AtomicInteger();
    private final Counter envSteps;
    private final Counter reaped;
    private final Timer stepLatency;
    private final Counter worldModelBatches;
    private final Counter worldModelRows;

    private ServerMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("icugym.sessions.open", openSessions, AtomicInteger::get)
                .description("Open environment sessions").register(registry);
        this.envSteps = Counter.builder("icugym.env.steps")
                .description("Environment steps (one per environment of each stepped session)").register(registry);
        this.reaped = Counter.builder("icugym.sessions.reaped")
                .description("Sessions closed by the idle reaper").register(registry);
        this.stepLatency = Timer.builder("icugym.step.latency")
                .description("Step request latency inside the server, from request to response")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.worldModelBatches = Counter.builder("icugym.world.model.batches")
                .description("World-model inference flushes (one predict over every waiting request)").register(registry);
        this.worldModelRows = Counter.builder("icugym.world.model.rows")
                .description("Rows predicted by the world-model inference workers").register(registry);
    }

    /** A fresh registry with every meter at zero, plus the JVM's memory and thread meters. */
    public static ServerMetrics create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        return new ServerMetrics(registry);
    }

    /** Sets the number of open sessions. */
    public void sessionsOpen(int n) {
        openSessions.set(n);
    }

    /** Counts one session closed by the idle reaper. */
    public void sessionReaped() {
        reaped.increment();
    }

    /** Records one successful step request of {@code numEnvs} environments that took {@code nanos}. */
    public void stepped(int numEnvs, long nanos) {
        envSteps.increment(numEnvs);
        stepLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts one world-model inference flush of {@code rows} rows. */
    public void worldModelBatch(int rows) {
        worldModelBatches.increment();
        worldModelRows.increment(rows);
    }

    /** World-model flushes so far and the rows they held: {@code {batches, rows}}. */
    public double[] worldModelBatches() {
        return new double[] {worldModelBatches.count(), worldModelRows.count()};
    }

    /** Counts one failed request with the given gRPC status code name. */
    public void requestFailed(String rpc, String code) {
        registry.counter("icugym.request.errors", "rpc", rpc, "code", code).increment();
    }

    /** The metrics in the Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }
}
