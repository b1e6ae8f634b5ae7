package org.icugym.envserver.worldmodel;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The world-model settings of an environment server, read from {@code
 * icugym.env-server.world-model} (see the module's {@code reference.conf}).
 *
 * @param artifact the model artifact; null when no world-model environment is served
 * @param cohort the cohort directory whose test split patients start from; null with {@code artifact}
 * @param device DJL device of the inference workers ({@code cpu}, {@code gpu0}, ...)
 * @param poolSize inference workers (each its own replica and thread), &gt;= 1
 * @param maxBatch a worker flushes once this many rows wait, &gt;= 1
 * @param maxDelay a worker flushes at the latest this long after its first waiting request
 */
public record WorldModelSettings(Path artifact, Path cohort, String device, int poolSize, int maxBatch,
        Duration maxDelay) {

    /** Config key of these settings. */
    public static final String ROOT = "icugym.env-server.world-model";

    /** Validates ranges and that artifact and cohort come together. */
    public WorldModelSettings {
        if ((artifact == null) != (cohort == null)) {
            throw new IllegalArgumentException(ROOT + ": set both artifact and cohort (the model and the cohort "
                    + "directory whose test split patients start from), or neither");
        }
        if (poolSize < 1 || maxBatch < 1 || maxDelay.isNegative() || maxDelay.isZero()) {
            throw new IllegalArgumentException(ROOT + ": pool-size and max-batch must be >= 1 and max-delay positive, "
                    + "got " + poolSize + ", " + maxBatch + ", " + maxDelay);
        }
    }

    /** Whether a world-model environment is configured. */
    public boolean enabled() {
        return artifact != null;
    }

    /** Reads the settings; {@code pool-size = 0} becomes the number of available cores. */
    public static WorldModelSettings fromConfig(Config config) {
        Config c = config.getConfig(ROOT);
        int pool = c.getInt("pool-size");
        return new WorldModelSettings(path(c.getString("artifact")), path(c.getString("cohort")), c.getString("device"),
                pool == 0 ? Runtime.getRuntime().availableProcessors() : pool, c.getInt("max-batch"),
                c.getDuration("max-delay"));
    }

    private static Path path(String value) {
        return value.isBlank() ? null : Path.of(value);
    }
}
