package org.icugym.envserver;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.grpc.javadsl.ServerReflection;
import org.apache.pekko.grpc.javadsl.ServiceHandler;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.japi.function.Function;
import org.icugym.core.env.EnvRegistry;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SystemMaterializer;
import org.icugym.envserver.grpc.EnvServiceImpl;
import org.icugym.envserver.grpc.ProtoMapper;
import org.icugym.grpc.GrpcServing;
import org.icugym.grpc.HealthServiceImpl;
import org.icugym.grpc.RequestGate;
import org.icugym.envserver.metrics.MetricsEndpoint;
import org.icugym.envserver.metrics.ServerMetrics;
import org.icugym.envserver.session.SessionManager;
import org.icugym.envserver.worldmodel.WorldModelPool;
import org.icugym.envserver.worldmodel.WorldModelSettings;
import org.icugym.proto.grpc.health.v1.Health;
import org.icugym.proto.grpc.health.v1.HealthHandlerFactory;
import org.icugym.proto.v1.EnvService;
import org.icugym.proto.v1.EnvServiceHandlerFactory;
import org.icugym.proto.v1.ServerInfo;
import org.icugym.proto.v1.ServerLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running environment server: an actor system whose guardian is the {@link SessionManager},
 * the gRPC {@code icugym.v1.EnvService}, the standard health service and server reflection on one
 * HTTP/2 port, and optionally the Prometheus metrics endpoint.
 *
 * <p>{@link #close()} (also run on SIGTERM through Pekko's coordinated shutdown) is graceful: new
 * requests answer UNAVAILABLE and health turns NOT_SERVING, accepted requests finish (up to
 * {@code shutdown-grace}), then the port is unbound and the actor system stops.
 *
 * <p>When {@code icugym.env-server.world-model.artifact} and {@code .cohort} are set, the server
 * also registers {@code Sepsis-WorldModel-v1} and runs its inference pool ({@link WorldModelPool}).
 */
public final class EnvServer implements AutoCloseable {
    /** Protocol version of {@code icugym.v1}. */
    public static final int PROTOCOL_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(EnvServer.class);

    private final ActorSystem<SessionManager.Command> system;
    private final ServerBinding binding;
    private final MetricsEndpoint metricsEndpoint;
    private final EnvServerSettings settings;
    private final ServerMetrics metrics;

    private EnvServer(ActorSystem<SessionManager.Command> system, ServerBinding binding,
            MetricsEndpoint metricsEndpoint, EnvServerSettings settings, ServerMetrics metrics) {
        this.system = system;
        this.binding = binding;
        this.metricsEndpoint = metricsEndpoint;
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * gRPC needs HTTP/2. Where pekko-http's reference.conf comes after this module's on the class path
     * (shaded jars, some test class paths) its defaults would switch HTTP/2 off, so the server insists.
     */
    static final Config GRPC_TRANSPORT = ConfigFactory.parseString(
            "pekko.http.server.enable-http2 = on\npekko.http.server.preview.enable-http2 = on");

    /** Starts a server with the built-in defaults ({@code reference.conf}) and the given registry. */
    public static EnvServer start(EnvRegistry registry) {
        return start(ConfigFactory.load(), registry);
    }

    /** Starts a server configured by {@code config} (which must contain this module's reference.conf). */
    public static EnvServer start(Config config, EnvRegistry registry) {
        config = GRPC_TRANSPORT.withFallback(config);
        EnvServerSettings settings = EnvServerSettings.fromConfig(config);
        ServerMetrics metrics = ServerMetrics.create();
        WorldModelSettings worldModel = WorldModelSettings.fromConfig(config);
        WorldModelPool pool = worldModel.enabled() ? WorldModelPool.load(worldModel, settings.askTimeout()) : null;
        if (pool != null) {
            registry = registry.with(pool.factory());
        }
        SessionManager.Limits limits = new SessionManager.Limits(settings.maxSessions(), settings.maxEnvsPerSession(),
                settings.idleTimeout(), settings.reaperInterval());
        ActorSystem<SessionManager.Command> system =
                ActorSystem.create(SessionManager.create(registry, limits, metrics), "icugym-env-server", config);
        try {
            if (pool != null) {
                pool.start(system);
            }
            return bind(system, registry, settings, metrics);
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
    }

    private static EnvServer bind(ActorSystem<SessionManager.Command> system, EnvRegistry registry,
            EnvServerSettings settings, ServerMetrics metrics) {
        RequestGate gate = new RequestGate();
        ActorRef<SessionManager.Command> manager = system;
        EnvServiceImpl service = new EnvServiceImpl(manager, system.scheduler(), registry, serverInfo(settings),
                settings.askTimeout(), metrics, gate);
        @SuppressWarnings("unchecked")
        Function<HttpRequest, CompletionStage<HttpResponse>> handler = ServiceHandler.concatOrNotFound(
                EnvServiceHandlerFactory.partial(service, EnvService.name, SystemMaterializer.get(system).materializer(),
                        ProtoMapper.handlerErrors(), system),
                HealthHandlerFactory.partial(new HealthServiceImpl(gate, EnvService.name), Health.name, system),
                ServerReflection.create(List.of(EnvService.description, Health.description), system));
        Materializer materializer = SystemMaterializer.get(system).materializer();
        ServerBinding binding = GrpcServing.bind(system, settings.host(), settings.port(),
                GrpcServing.uncompressed(GrpcServing.discardingUnreadRequests(handler, materializer)));
        MetricsEndpoint metricsEndpoint = null;
        if (settings.metricsPort() >= 0) {
            try {
                metricsEndpoint = MetricsEndpoint.start(settings.host(), settings.metricsPort(), metrics);
            } catch (IOException e) {
                // metrics are secondary: a taken port (e.g. a second server on this machine) must not stop serving
                LOG.warn("not serving metrics: cannot bind {}:{} ({}); set icugym.env-server.metrics-port "
                        + "(--metrics-port) to a free port, 0 for any, -1 for none", settings.host(),
                        settings.metricsPort(), e.toString());
            }
        }
        EnvServer server = new EnvServer(system, binding, metricsEndpoint, settings, metrics);
        server.registerShutdown(gate);
        LOG.info("icugym env server serving {} environments {} on {}:{}{}", registry.ids().size(), registry.ids(),
                settings.host(), server.port(),
                metricsEndpoint == null ? "" : ", metrics on http://" + settings.host() + ":" + metricsEndpoint.port()
                        + "/metrics");
        return server;
    }

    private void registerShutdown(RequestGate gate) {
        GrpcServing.registerShutdown(system, binding, gate, settings.shutdownGrace(), LOG, () -> {
            if (metricsEndpoint != null) {
                metricsEndpoint.close();
            }
        });
    }

    private static ServerInfo serverInfo(EnvServerSettings s) {
        String version = EnvServer.class.getPackage().getImplementationVersion();
        return ServerInfo.newBuilder()
                .setProtocolVersion(PROTOCOL_VERSION)
                .setProtocolPackage("icugym.v1")
                .setServerVersion(version == null ? "0.1.0-SNAPSHOT" : version)
                .addAllCapabilities(List.of("vector", "session-stream", "autoreset-next-step", "autoreset-same-step",
                        "autoreset-disabled", "health", "reflection", "simulate"))
                .setLimits(ServerLimits.newBuilder().setMaxSessions(s.maxSessions())
                        .setMaxEnvsPerSession(s.maxEnvsPerSession()).setMaxRequestBytes(s.maxRequestBytes())
                        .setIdleTimeoutSeconds(s.idleTimeout().toMillis() / 1000.0)
                        .setMaxSimulateCandidates(s.simulation().maxCandidates())
                        .setMaxSimulateHorizon(s.simulation().maxHorizon())
                        .setMaxSimulateSamples(s.simulation().maxSamples())
                        .setDefaultSimulateSamples(s.simulation().defaultSamples()))
                .build();
    }

    /** The bound gRPC port. */
    public int port() {
        return binding.localAddress().getPort();
    }

    /** The bound metrics port, or -1 when metrics are off. */
    public int metricsPort() {
        return metricsEndpoint == null ? -1 : metricsEndpoint.port();
    }

    /** The settings the server runs with. */
    public EnvServerSettings settings() {
        return settings;
    }

    /** The server's metrics. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /** The actor system (its guardian is the session manager). */
    public ActorSystem<SessionManager.Command> system() {
        return system;
    }

    /** Completes when the server has stopped (after {@link #close()} or SIGTERM). */
    public CompletionStage<Done> whenTerminated() {
        return system.getWhenTerminated();
    }

    /** Graceful shutdown; returns once the server has stopped. */
    @Override
    public void close() {
        CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
        GrpcServing.await(system.getWhenTerminated(), "shutdown");
    }
}
