package org.icugym.policyserver;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of one policy server, read from {@code icugym.policy-server} (see the module's
 * {@code reference.conf}).
 *
 * @param host interface to bind
 * @param port gRPC port; 0 picks a free one
 * @param devices devices every model gets replicas on ({@code cpu}, {@code cuda:N})
 * @param workersPerDevice replicas per model and device
 * @param maxBatchSize a batch runs once it holds this many observation rows (1 = batching off)
 * @param maxDelay a batch runs at the latest this long after its first request (0 = at once)
 * @param maxQueue waiting requests per model beyond this answer RESOURCE_EXHAUSTED
 * @param maxRequestBytes one request larger than this answers RESOURCE_EXHAUSTED
 * @param askTimeout how long a request may wait for its answer
 * @param shutdownGrace how long in-flight requests may take to finish on shutdown
 * @param models models loaded at start: id → weights file
 * @param defaultModel the model of requests without a model id; empty = the first by id
 */
public record PolicyServerSettings(
        String host,
        int port,
        List<String> devices,
        int workersPerDevice,
        int maxBatchSize,
        Duration maxDelay,
        int maxQueue,
        long maxRequestBytes,
        Duration askTimeout,
        Duration shutdownGrace,
        Map<String, Path> models,
        String defaultModel) {

    /** Root config key of the policy server. */
    public static final String ROOT = "icugym.policy-server";

    /** Validates ranges. */
    public PolicyServerSettings {
        require(port >= 0 && port <= 65535, "port must be 0..65535, got " + port);
        require(!devices.isEmpty(), "devices must name at least one device, e.g. [\"cpu\"]");
        require(workersPerDevice >= 1, "workers-per-device must be >= 1, got " + workersPerDevice);
        require(maxBatchSize >= 1, "max-batch-size must be >= 1 (1 = batching off), got " + maxBatchSize);
        require(!maxDelay.isNegative(), "max-delay must be >= 0");
        require(maxQueue >= 1, "max-queue must be >= 1, got " + maxQueue);
        require(maxRequestBytes >= 64, "max-request-bytes must be >= 64, got " + maxRequestBytes);
        require(!askTimeout.isNegative() && !askTimeout.isZero(), "ask-timeout must be positive");
        devices = List.copyOf(devices);
        models = Map.copyOf(models);
    }

    /** Reads the settings from {@code config} (which must include this module's reference.conf). */
    public static PolicyServerSettings fromConfig(Config config) {
        Config c = config.getConfig(ROOT);
        Map<String, Path> models = new TreeMap<>();
        Config m = c.getConfig("models");
        for (var e : m.root().entrySet()) {
            models.put(e.getKey(), Path.of(m.getString(com.typesafe.config.ConfigUtil.joinPath(e.getKey()))));
        }
        return new PolicyServerSettings(
                c.getString("host"),
                c.getInt("port"),
                c.getStringList("devices"),
                c.getInt("workers-per-device"),
                c.getInt("max-batch-size"),
                c.getDuration("max-delay"),
                c.getInt("max-queue"),
                c.getBytes("max-request-bytes"),
                c.getDuration("ask-timeout"),
                c.getDuration("shutdown-grace"),
                models,
                c.getString("default-model"));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(ROOT + ": " + message);
        }
    }
}
