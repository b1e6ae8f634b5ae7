package org.icugym.envserver;

import com.typesafe.config.Config;
import java.time.Duration;
import org.icugym.core.env.SimulationLimits;

/**
 * The settings of one environment server, read from {@code icugym.env-server} (see the module's
 * {@code reference.conf}).
 *
 * @param host interface to bind
 * @param port gRPC port; 0 picks a free one
 * @param maxSessions open sessions beyond this answer RESOURCE_EXHAUSTED
 * @param maxEnvsPerSession {@code num_envs} beyond this answers RESOURCE_EXHAUSTED
 * @param maxRequestBytes one request message larger than this answers RESOURCE_EXHAUSTED
 * @param idleTimeout sessions without requests for this long are closed
 * @param reaperInterval how often idle sessions are looked for
 * @param askTimeout how long a request may wait for its session
 * @param shutdownGrace how long in-flight requests may take to finish on shutdown
 * @param metricsPort Prometheus endpoint port; -1 = off, 0 = any free port
 * @param simulation the bounds of one Simulate request (candidates, horizon, samples)
 */
public record EnvServerSettings(
        String host,
        int port,
        int maxSessions,
        int maxEnvsPerSession,
        long maxRequestBytes,
        Duration idleTimeout,
        Duration reaperInterval,
        Duration askTimeout,
        Duration shutdownGrace,
        int metricsPort,
        SimulationLimits simulation) {

    /** Root config key of the environment server. */
    public static final String ROOT = "icugym.env-server";

    /** Validates ranges. */
    public EnvServerSettings {
        require(port >= 0 && port <= 65535, "port must be 0..65535, got " + port);
        require(maxSessions >= 1, "max-sessions must be >= 1, got " + maxSessions);
        require(maxEnvsPerSession >= 1, "max-envs-per-session must be >= 1, got " + maxEnvsPerSession);
        require(maxRequestBytes >= 64, "max-request-bytes must be >= 64, got " + maxRequestBytes);
        require(!idleTimeout.isNegative() && !idleTimeout.isZero(), "idle-timeout must be positive");
        require(!reaperInterval.isNegative() && !reaperInterval.isZero(), "reaper-interval must be positive");
        require(metricsPort >= -1 && metricsPort <= 65535, "metrics-port must be -1 (off) or 0..65535");
    }

    /** Reads the settings from {@code config} (which must include this module's reference.conf). */
    public static EnvServerSettings fromConfig(Config config) {
        Config c = config.getConfig(ROOT);
        return new EnvServerSettings(
                c.getString("host"),
                c.getInt("port"),
                c.getInt("max-sessions"),
                c.getInt("max-envs-per-session"),
                c.getBytes("max-request-bytes"),
                c.getDuration("idle-timeout"),
                c.getDuration("reaper-interval"),
                c.getDuration("ask-timeout"),
                c.getDuration("shutdown-grace"),
                c.getInt("metrics-port"),
                simulation(c.getConfig("simulate")));
    }

    /** The same settings on another port. */
    public EnvServerSettings withPort(int newPort) {
        return new EnvServerSettings(host, newPort, maxSessions, maxEnvsPerSession, maxRequestBytes, idleTimeout,
                reaperInterval, askTimeout, shutdownGrace, metricsPort, simulation);
    }

    private static SimulationLimits simulation(Config c) {
        try {
            return new SimulationLimits(c.getInt("max-candidates"), c.getInt("max-horizon"), c.getInt("max-samples"),
                    c.getInt("default-samples"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ROOT + ".simulate: " + e.getMessage(), e);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(ROOT + ": " + message);
        }
    }
}
