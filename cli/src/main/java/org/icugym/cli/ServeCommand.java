package org.icugym.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueFactory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.envserver.EnvServer;
import org.icugym.envserver.EnvServerSettings;
import org.icugym.worldmodel.cache.DefaultWorldModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code icugym serve}: starts the environment server on embedded defaults (port 50051) and runs
 * until Ctrl-C or SIGTERM, which shut it down gracefully (in-flight requests finish).
 *
 * <p>{@code Sepsis-WorldModel-v1} is served from the configured model and cohort
 * ({@code icugym.env-server.world-model}); with none configured, from the cached default model
 * ({@link DefaultWorldModel}) when it has been built. When it has not, the server starts at once
 * without that environment and says which command builds it.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the gRPC environment server (icugym.v1.EnvService, health, reflection).")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", description = "Interface to bind (default: icugym.env-server.host, 0.0.0.0).")
    String host;

    @Option(names = "--port", description = "gRPC port; 0 picks a free one (default: icugym.env-server.port, 50051).")
    Integer port;

    @Option(names = "--port-file", description = "Write the bound port to this file once serving.")
    Path portFile;

    @Option(names = "--metrics-port",
            description = "Prometheus endpoint port; -1 = off, 0 = any (default: icugym.env-server.metrics-port, 9464).")
    Integer metricsPort;

    @Option(names = "--config", description = "HOCON file applied over the defaults (keys under icugym.env-server).")
    Path configFile;

    @Spec
    CommandSpec spec;

    /** The default world model offered when none is configured (tests point it at a temporary cache). */
    DefaultWorldModel defaultWorldModel = DefaultWorldModel.standard();

    private volatile EnvServer server;
    private final CountDownLatch started = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        try {
            server = EnvServer.start(config(), BuiltinEnvironments.registry());
        } catch (IllegalArgumentException | IllegalStateException | ConfigException | UncheckedIOException e) {
            // e.g. the port is taken or a setting is out of range: say so without a stack trace
            spec.commandLine().getErr().println("icugym serve: " + e.getMessage());
            started.countDown();
            return 1;
        }
        if (portFile != null) {
            ServeSupport.writePortFile(portFile, server.port());
        }
        started.countDown();
        server.whenTerminated().toCompletableFuture().join();
        return 0;
    }

    /** The configuration: command-line options over {@code --config} over application.conf and the defaults. */
    Config config() {
        Config base = ServeSupport.baseConfig(configFile);
        String root = EnvServerSettings.ROOT + ".";
        if (host != null) {
            base = base.withValue(root + "host", ConfigValueFactory.fromAnyRef(host));
        }
        if (port != null) {
            base = base.withValue(root + "port", ConfigValueFactory.fromAnyRef(port));
        }
        if (metricsPort != null) {
            base = base.withValue(root + "metrics-port", ConfigValueFactory.fromAnyRef(metricsPort));
        }
        return withDefaultWorldModel(base);
    }

    /** Points {@code Sepsis-WorldModel-v1} at the cached default model when no model is configured. */
    private Config withDefaultWorldModel(Config base) {
        String key = EnvServerSettings.ROOT + ".world-model.";
        if (!base.getString(key + "artifact").isEmpty() || !base.getString(key + "cohort").isEmpty()) {
            return base;
        }
        PrintWriter err = spec == null ? new PrintWriter(System.err, true) : spec.commandLine().getErr();
        Optional<Path> cached = defaultWorldModel.cached();
        if (cached.isEmpty()) {
            err.println("icugym serve: Sepsis-WorldModel-v1 is not offered: no world model is configured and the default "
                    + "one is not built yet. Build it once with '" + DefaultWorldModel.BUILD_COMMAND + "' (a few minutes; "
                    + "cached under " + defaultWorldModel.directory().getParent() + ") and restart, or set "
                    + key + "artifact and " + key + "cohort.");
            err.flush();
            return base;
        }
        err.println("icugym serve: Sepsis-WorldModel-v1 uses the default world model " + cached.get());
        err.flush();
        return base.withValue(key + "artifact", ConfigValueFactory.fromAnyRef(cached.get().toString()))
                .withValue(key + "cohort", ConfigValueFactory.fromAnyRef(defaultWorldModel.cohortDirectory().toString()));
    }

    /** The running server once started, or null if it failed to start (waits for either). */
    EnvServer awaitServer() throws InterruptedException {
        started.await();
        return server;
    }
}
