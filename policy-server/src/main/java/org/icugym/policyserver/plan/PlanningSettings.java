package org.icugym.policyserver.plan;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How the policy server runs planners, read from {@code icugym.policy-server.planner}.
 *
 * @param envServer the env server planners simulate with when a request names none, "host:port"; empty = none
 * @param simulateTimeout how long one Simulate call may take before the row answers UNAVAILABLE
 * @param dispatcher config path of the dispatcher planner rows run on (their Simulate calls block)
 */
public record PlanningSettings(String envServer, Duration simulateTimeout, String dispatcher) {
    /** Root config key. */
    public static final String ROOT = "icugym.policy-server.planner";

    /** Validates the timeout. */
    public PlanningSettings {
        if (simulateTimeout.isNegative() || simulateTimeout.isZero()) {
            throw new IllegalArgumentException(ROOT + ".simulate-timeout must be positive");
        }
    }

    /** Reads the settings from {@code config} (which must include the module's reference.conf). */
    public static PlanningSettings fromConfig(Config config) {
        Config c = config.getConfig(ROOT);
        return new PlanningSettings(c.getString("env-server"), c.getDuration("simulate-timeout"), ROOT + ".dispatcher");
    }
}
