package org.icugym.envserver.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.icugym.core.env.EnvRegistry;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.envserver.EnvServer;
import org.icugym.proto.grpc.health.v1.HealthClient;
import org.icugym.proto.v1.EnvServiceClient;

/**
 * A real environment server on a free loopback port plus a client actor system and the generated
 * Pekko gRPC clients, for tests. The test config sets {@code max-request-bytes = 64 KiB} and turns
 * the metrics endpoint off unless overridden.
 */
public final class TestEnvServer implements AutoCloseable {
    private final EnvServer server;
    private final ActorSystem<Void> clientSystem;
    private final EnvServiceClient client;
    private final HealthClient health;

    private TestEnvServer(EnvServer server) {
        this.server = server;
        this.clientSystem = ActorSystem.create(Behaviors.empty(), "test-client",
                ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
        GrpcClientSettings settings = GrpcClientSettings.connectToServiceAt("127.0.0.1", server.port(), clientSystem)
                .withTls(false);
        this.client = EnvServiceClient.create(settings, clientSystem);
        this.health = HealthClient.create(settings, clientSystem);
    }

    /** A server of the built-in environments with the test defaults. */
    public static TestEnvServer start() {
        return start("");
    }

    /** A server of the built-in environments; {@code overrides} is HOCON applied over the test defaults. */
    public static TestEnvServer start(String overrides) {
        return start(overrides, BuiltinEnvironments.registry());
    }

    /** A server of {@code registry}; {@code overrides} is HOCON applied over the test defaults. */
    public static TestEnvServer start(String overrides, EnvRegistry registry) {
        return new TestEnvServer(EnvServer.start(config(overrides), registry));
    }

    /** The test configuration with {@code overrides} applied. */
    public static Config config(String overrides) {
        return ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.parseString("""
                        icugym.env-server { host = "127.0.0.1", port = 0, metrics-port = -1, max-request-bytes = 65536 }
                        pekko.loglevel = WARNING
                        """))
                .withFallback(ConfigFactory.load());
    }

    /** The server. */
    public EnvServer server() {
        return server;
    }

    /** The generated environment-service client. */
    public EnvServiceClient client() {
        return client;
    }

    /** The generated health client. */
    public HealthClient health() {
        return health;
    }

    /** The client side's actor system. */
    public ActorSystem<Void> clientSystem() {
        return clientSystem;
    }

    /** Unary calls. */
    public EnvApi unary() {
        return new UnaryEnvApi(client);
    }

    /** A new Session stream. */
    public EnvApi stream() {
        return new StreamEnvApi(client, clientSystem);
    }

    /** A new API of the named transport, {@code "unary"} or {@code "stream"}. */
    public EnvApi api(String transport) {
        return switch (transport) {
            case "unary" -> unary();
            case "stream" -> stream();
            default -> throw new IllegalArgumentException(transport);
        };
    }

    @Override
    public void close() {
        client.close();
        health.close();
        clientSystem.terminate();
        server.close();
    }
}
