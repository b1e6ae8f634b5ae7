package org.icugym.policyserver;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.grpc.javadsl.ServerReflection;
import org.apache.pekko.grpc.javadsl.ServiceHandler;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.SystemMaterializer;
import org.icugym.agent.Policies;
import org.icugym.agent.PolicyWeights;
import org.icugym.grpc.GrpcServing;
import org.icugym.grpc.HealthServiceImpl;
import org.icugym.policyserver.grpc.PolicyProtoMapper;
import org.icugym.policyserver.grpc.PolicyServiceImpl;
import org.icugym.policyserver.plan.EnvServerClients;
import org.icugym.policyserver.plan.Planning;
import org.icugym.policyserver.plan.PlanningSettings;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.icugym.grpc.RequestGate;
import org.icugym.policyserver.pool.Batcher;
import org.icugym.policyserver.pool.PolicyOpener;
import org.icugym.policyserver.pool.PolicyRegistry;
import org.icugym.proto.grpc.health.v1.Health;
import org.icugym.proto.grpc.health.v1.HealthHandlerFactory;
import org.icugym.proto.v1.PolicyInfo;
import org.icugym.proto.v1.PolicyService;
import org.icugym.proto.v1.PolicyServiceHandlerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running policy server: an actor system whose guardian is the {@link PolicyRegistry}, the gRPC
 * {@code icugym.v1.PolicyService}, the standard health service and server reflection on one HTTP/2
 * port. Every configured device is checked at start; a missing one fails the start with a message
 * that says what to configure.
 *
 * <p>{@link #close()} (also run on SIGTERM through coordinated shutdown) is graceful: new requests
 * answer UNAVAILABLE, accepted ones finish (up to {@code shutdown-grace}), then the port is unbound.
 */
public final class PolicyServer implements AutoCloseable {
    /** Protocol version of {@code icugym.v1}. */
    public static final int PROTOCOL_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(PolicyServer.class);
    private static final String WORKER_DISPATCHER = PolicyServerSettings.ROOT + ".worker-dispatcher";
    private static final String TICK = "pekko.scheduler.tick-duration";

    private final ActorSystem<PolicyRegistry.Command> system;
    private final ServerBinding binding;
    private final PolicyServerSettings settings;
    private final ExecutorService blocking;

    private PolicyServer(ActorSystem<PolicyRegistry.Command> system, ServerBinding binding,
            PolicyServerSettings settings, ExecutorService blocking) {
        this.system = system;
        this.binding = binding;
        this.settings = settings;
        this.blocking = blocking;
    }

    /** Starts a server with the built-in defaults and the configured models. */
    public static PolicyServer start() {
        return start(ConfigFactory.load(), Map.of(), PolicyOpener.DEFAULT);
    }

    /**
     * Starts a server.
     *
     * @param config configuration (must contain this module's reference.conf)
     * @param models models to serve besides those configured under {@code models}, id → weights
     * @param opener opens model replicas ({@link PolicyOpener#DEFAULT} outside tests)
     * @throws org.icugym.agent.PolicyException when a device is missing or a weights file is bad
     */
    public static PolicyServer start(Config config, Map<String, PolicyWeights> models, PolicyOpener opener) {
        // gRPC needs HTTP/2, whatever order the reference.conf files of a class path come in
        config = ConfigFactory.parseString("pekko.http.server.enable-http2 = on\n"
                + "pekko.http.server.preview.enable-http2 = on").withFallback(config);
        PolicyServerSettings settings = PolicyServerSettings.fromConfig(config);
        List<String> workers = new ArrayList<>();
        for (String device : settings.devices()) {
            Policies.device(device);
            for (int i = 0; i < settings.workersPerDevice(); i++) {
                workers.add(device);
            }
        }
        Map<String, PolicyWeights> all = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        settings.models().forEach((id, path) -> {
            all.put(id, PolicyWeights.read(path));
            sources.put(id, path.toString());
        });
        models.forEach((id, w) -> {
            all.put(id, w);
            sources.put(id, "builtin");
        });
        all.forEach((id, w) -> opener.open(w, "cpu").close());
        Batcher.Limits limits = new Batcher.Limits(settings.maxBatchSize(), settings.maxDelay(), settings.maxQueue());
        // max-delay is a few ms: the default 10 ms scheduler tick would round every batch timer up to it
        Config actorConfig = config.hasPath(TICK) && config.getDuration(TICK).toNanos() <= 1_000_000 ? config
                : ConfigFactory.parseString(TICK + " = 1 ms").withFallback(config);
        ActorSystem<PolicyRegistry.Command> system = ActorSystem.create(
                PolicyRegistry.create(workers, opener, limits, WORKER_DISPATCHER), "icugym-policy-server", actorConfig);
        ExecutorService blocking = Executors.newFixedThreadPool(1, r -> new Thread(r, "icugym-policy-load"));
        try {
            String defaultModel = settings.defaultModel();
            for (var e : all.entrySet()) {
                boolean isDefault = e.getKey().equals(defaultModel);
                GrpcServing.await(AskPattern.<PolicyRegistry.Command, PolicyRegistry.ModelEntry>askWithStatus(system,
                        r -> new PolicyRegistry.Load(e.getKey(), e.getValue(), sources.get(e.getKey()), isDefault, r),
                        Duration.ofSeconds(30), system.scheduler()), "loading model " + e.getKey());
            }
            if (!defaultModel.isEmpty() && !all.containsKey(defaultModel)) {
                throw new IllegalArgumentException(PolicyServerSettings.ROOT + ".default-model '" + defaultModel
                        + "' is not among the served models " + all.keySet());
            }
            return bind(system, settings, opener, blocking);
        } catch (RuntimeException e) {
            system.terminate();
            blocking.shutdown();
            throw e;
        }
    }

    private static PolicyServer bind(ActorSystem<PolicyRegistry.Command> system, PolicyServerSettings settings,
            PolicyOpener opener, ExecutorService blocking) {
        RequestGate gate = new RequestGate();
        PlanningSettings planningSettings = PlanningSettings.fromConfig(system.settings().config());
        EnvServerClients envClients = new EnvServerClients(system);
        Planning planning = new Planning(envClients, planningSettings,
                system.dispatchers().lookup(DispatcherSelector.fromConfig(planningSettings.dispatcher())));
        PolicyServiceImpl service = new PolicyServiceImpl(system, system.scheduler(), info(settings),
                settings.askTimeout(), gate, opener, blocking, planning);
        @SuppressWarnings("unchecked")
        Function<HttpRequest, CompletionStage<HttpResponse>> handler = ServiceHandler.concatOrNotFound(
                PolicyServiceHandlerFactory.partial(service, PolicyService.name,
                        SystemMaterializer.get(system).materializer(), PolicyProtoMapper.handlerErrors(), system),
                HealthHandlerFactory.partial(new HealthServiceImpl(gate, PolicyService.name), Health.name, system),
                ServerReflection.create(List.of(PolicyService.description, Health.description), system));
        ServerBinding binding = GrpcServing.bind(system, settings.host(), settings.port(),
                GrpcServing.uncompressed(handler));
        PolicyServer server = new PolicyServer(system, binding, settings, blocking);
        server.registerShutdown(gate, envClients);
        LOG.info("icugym policy server on {}:{} (devices {}, max-batch-size {}, max-delay {})", settings.host(),
                server.port(), settings.devices(), settings.maxBatchSize(), settings.maxDelay());
        return server;
    }

    private void registerShutdown(RequestGate gate, EnvServerClients envClients) {
        GrpcServing.registerShutdown(system, binding, gate, settings.shutdownGrace(), LOG, () -> {
            blocking.shutdown();
            envClients.close();
        });
    }

    private static PolicyInfo info(PolicyServerSettings s) {
        String version = PolicyServer.class.getPackage().getImplementationVersion();
        return PolicyInfo.newBuilder()
                .setProtocolVersion(PROTOCOL_VERSION)
                .setServerVersion(version == null ? "0.1.0-SNAPSHOT" : version)
                .addAllCapabilities(List.of("batching", "hot-swap", "act-stream", "health", "reflection", "planning"))
                .setMaxBatchSize(s.maxBatchSize())
                .setMaxDelayMs(s.maxDelay().toNanos() / 1e6)
                .setMaxQueue(s.maxQueue())
                .setMaxRequestBytes(s.maxRequestBytes())
                .build();
    }

    /**
     * Serves new weights for a model from inside the process (how a trainer pushes weights): the
     * next version, swapped atomically.
     */
    public CompletionStage<PolicyRegistry.ModelEntry> load(String modelId, PolicyWeights weights, String source) {
        return AskPattern.askWithStatus(system, r -> new PolicyRegistry.Load(modelId, weights, source, false, r),
                settings.askTimeout(), system.scheduler());
    }

    /** The bound gRPC port. */
    public int port() {
        return binding.localAddress().getPort();
    }

    /** The settings the server runs with. */
    public PolicyServerSettings settings() {
        return settings;
    }

    /** The actor system (its guardian is the model registry). */
    public ActorSystem<PolicyRegistry.Command> system() {
        return system;
    }

    /** Completes when the server has stopped. */
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
