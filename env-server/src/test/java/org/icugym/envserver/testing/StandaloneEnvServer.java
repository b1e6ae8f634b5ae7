package org.icugym.envserver.testing;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.envserver.EnvServer;

/**
 * Runs an environment server of the built-in environments in its own JVM (configured with
 * {@code -D} overrides) and writes {@code "<grpc port> <metrics port>"} to the file named by the
 * first argument once serving. Used by tests that need a separate server process, e.g. with its
 * own heap limit.
 */
public final class StandaloneEnvServer {
    private StandaloneEnvServer() {}

    /** {@code StandaloneEnvServer PORT_FILE}: serves until the process is stopped. */
    public static void main(String[] args) throws Exception {
        EnvServer server = EnvServer.start(ConfigFactory.load(), BuiltinEnvironments.registry());
        Path file = Path.of(args[0]);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, server.port() + " " + server.metricsPort(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        server.whenTerminated().toCompletableFuture().join();
    }
}
