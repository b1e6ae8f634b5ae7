package org.icugym.policyserver.grpc;

import org.icugym.grpc.RequestGate;
import com.google.protobuf.MessageLite;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.stream.javadsl.Source;
import org.icugym.agent.PolicyWeights;
import org.icugym.core.env.EnvException;
import org.icugym.policyserver.plan.Planning;
import org.icugym.policyserver.pool.Batcher;
import org.icugym.policyserver.pool.PolicyOpener;
import org.icugym.policyserver.pool.PolicyRegistry;
import org.icugym.proto.v1.ActRequest;
import org.icugym.proto.v1.ActResponse;
import org.icugym.proto.v1.ActStreamResponse;
import org.icugym.proto.v1.GetPolicyInfoRequest;
import org.icugym.proto.v1.ListModelsRequest;
import org.icugym.proto.v1.ListModelsResponse;
import org.icugym.proto.v1.LoadModelRequest;
import org.icugym.proto.v1.LoadModelResponse;
import org.icugym.proto.v1.PolicyInfo;
import org.icugym.proto.v1.PolicyService;
import org.icugym.proto.v1.SetDefaultRequest;
import org.icugym.proto.v1.SetDefaultResponse;

/**
 * The gRPC policy service: each rpc checks the request size, asks the {@link PolicyRegistry} with a
 * timeout, and maps the reply with {@link PolicyProtoMapper}. Unary calls fail with typed statuses;
 * ActStream answers each request in order with per-request errors in-band; up to 32 requests of one
 * stream are in flight at once, so a client may pipeline them. Every request passes
 * the {@link RequestGate}, so a graceful shutdown finishes accepted requests and refuses new ones.
 * LoadModel reads and checks the weights (opening them once on the CPU) off the actor threads.
 * Act answers of planner models pass through {@link Planning}, which simulates on its own dispatcher.
 */
public final class PolicyServiceImpl implements PolicyService {
    private static final int STREAM_PARALLELISM = 32;
    private final ActorRef<PolicyRegistry.Command> registry;
    private final Scheduler scheduler;
    private final PolicyInfo info;
    private final Duration askTimeout;
    private final RequestGate gate;
    private final PolicyOpener opener;
    private final Executor blocking;
    private final Planning planning;
    /** Batchers of model ids seen, so Act skips the registry hop (a model id's batcher never changes). */
    private final java.util.concurrent.ConcurrentHashMap<String, ActorRef<Batcher.Command>> batchers =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A service in front of {@code registry}.
     *
     * @param registry the model registry
     * @param scheduler the actor system's scheduler (for ask timeouts)
     * @param info what GetPolicyInfo answers, less the model
     * @param askTimeout how long a request may wait
     * @param gate the shutdown gate every request passes
     * @param opener opens replicas (used to check new weights)
     * @param blocking executor for reading and checking weights files
     * @param planning the refine stage of planner models
     */
    public PolicyServiceImpl(ActorRef<PolicyRegistry.Command> registry, Scheduler scheduler, PolicyInfo info,
            Duration askTimeout, RequestGate gate, PolicyOpener opener, Executor blocking, Planning planning) {
        this.registry = registry;
        this.scheduler = scheduler;
        this.info = info;
        this.askTimeout = askTimeout;
        this.gate = gate;
        this.opener = opener;
        this.blocking = blocking;
        this.planning = planning;
    }

    @Override
    public CompletionStage<PolicyInfo> getPolicyInfo(GetPolicyInfoRequest in) {
        return unary(in, () -> AskPattern.<PolicyRegistry.Command, List<PolicyRegistry.ModelEntry>>ask(registry,
                PolicyRegistry.ListModels::new, askTimeout, scheduler).thenCompose(all -> {
                    PolicyInfo.Builder b = info.toBuilder();
                    all.stream().filter(PolicyRegistry.ModelEntry::isDefault).findFirst()
                            .ifPresent(d -> b.setDefaultModelId(d.id()));
                    if (all.isEmpty() && in.getModelId().isEmpty()) {
                        return CompletableFuture.completedFuture(b.build());
                    }
                    return AskPattern.<PolicyRegistry.Command, PolicyRegistry.ModelEntry>askWithStatus(registry,
                                    r -> new PolicyRegistry.Describe(in.getModelId(), r), askTimeout, scheduler)
                            .thenApply(e -> b.setModel(PolicyProtoMapper.model(e)).build());
                }));
    }

    @Override
    public CompletionStage<ListModelsResponse> listModels(ListModelsRequest in) {
        return unary(in, () -> AskPattern.<PolicyRegistry.Command, List<PolicyRegistry.ModelEntry>>ask(registry,
                        PolicyRegistry.ListModels::new, askTimeout, scheduler)
                .thenApply(all -> ListModelsResponse.newBuilder()
                        .addAllModels(all.stream().map(PolicyProtoMapper::model).toList()).build()));
    }

    @Override
    public CompletionStage<ActResponse> act(ActRequest in) {
        return unary(in, () -> act0(in));
    }

    @Override
    public Source<ActStreamResponse, NotUsed> actStream(Source<ActRequest, NotUsed> in) {
        if (gate.isClosed()) {
            return Source.failed(shuttingDown());
        }
        // pipelined: up to STREAM_PARALLELISM requests of one stream batch together; answers stay in order
        return in.mapAsync(STREAM_PARALLELISM, this::answer);
    }

    @Override
    public CompletionStage<LoadModelResponse> loadModel(LoadModelRequest in) {
        return unary(in, () -> {
            if (in.getModelId().isEmpty()) {
                throw EnvException.invalidArgument("model_id is empty: name the model to load into");
            }
            String source = switch (in.getSourceCase()) {
                case PATH -> in.getPath();
                case WEIGHTS -> "inline";
                case SOURCE_NOT_SET -> throw EnvException.invalidArgument(
                        "LoadModel needs a source: set path (a weights file on the server) or weights (its bytes)");
            };
            return CompletableFuture.supplyAsync(() -> checked(in), blocking).thenCompose(w ->
                    AskPattern.<PolicyRegistry.Command, PolicyRegistry.ModelEntry>askWithStatus(registry,
                            r -> new PolicyRegistry.Load(in.getModelId(), w, source, in.getSetDefault(), r),
                            askTimeout, scheduler))
                    .thenApply(e -> LoadModelResponse.newBuilder().setModel(PolicyProtoMapper.model(e)).build());
        });
    }

    @Override
    public CompletionStage<SetDefaultResponse> setDefault(SetDefaultRequest in) {
        return unary(in, () -> AskPattern.<PolicyRegistry.Command, String>askWithStatus(registry,
                        r -> new PolicyRegistry.SetDefault(in.getModelId(), r), askTimeout, scheduler)
                .thenApply(id -> SetDefaultResponse.newBuilder().setDefaultModelId(id).build()));
    }

    // ---- internals -------------------------------------------------------------------------

    private PolicyWeights checked(LoadModelRequest in) {
        PolicyWeights w = in.getSourceCase() == LoadModelRequest.SourceCase.PATH
                ? PolicyWeights.read(java.nio.file.Path.of(in.getPath()))
                : PolicyWeights.fromBytes(PolicyProtoMapper.bytes(in.getWeights()));
        opener.open(w, "cpu").close();
        return w;
    }

    private CompletionStage<ActResponse> act0(ActRequest in) {
        if (!in.hasObservations()) {
            throw EnvException.invalidArgument("observations are missing: send a DTYPE_FLOAT32 tensor of shape [n, d]");
        }
        PolicyProtoMapper.Observations obs = PolicyProtoMapper.observations(in.getObservations());
        Planning.Target target = PolicyProtoMapper.planningTarget(in);
        return batcherAct(in.getModelId(), obs, in.getDeterministic())
                .thenCompose(acted -> planning.refine(acted, target))
                .thenApply(PolicyProtoMapper::act);
    }

    /**
     * Sends rows to the model's batcher: directly once its id was resolved, through the registry for
     * the default model (which SetDefault may change) and on first use of an id.
     */
    private CompletionStage<Batcher.Acted> batcherAct(String modelId, PolicyProtoMapper.Observations obs,
            boolean deterministic) {
        ActorRef<Batcher.Command> batcher = modelId.isEmpty() ? null : batchers.get(modelId);
        if (batcher != null) {
            return AskPattern.askWithStatus(batcher,
                    r -> new Batcher.Act(obs.values(), obs.rows(), deterministic, r), askTimeout, scheduler);
        }
        if (!modelId.isEmpty()) {
            AskPattern.<PolicyRegistry.Command, ActorRef<Batcher.Command>>askWithStatus(registry,
                    r -> new PolicyRegistry.Resolve(modelId, r), askTimeout, scheduler)
                    .thenAccept(b -> batchers.putIfAbsent(modelId, b));
        }
        return AskPattern.askWithStatus(registry, r -> new PolicyRegistry.Act(modelId,
                new Batcher.Act(obs.values(), obs.rows(), deterministic, r)), askTimeout, scheduler);
    }

    private CompletionStage<ActStreamResponse> answer(ActRequest req) {
        if (!gate.enter()) {
            return CompletableFuture.failedFuture(shuttingDown());
        }
        ActStreamResponse.Builder b = ActStreamResponse.newBuilder().setRequestId(req.getRequestId());
        CompletionStage<ActResponse> answer;
        try {
            checkSize(req);
            answer = act0(req);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((response, failure) -> {
            gate.exit();
            return failure == null ? b.setAct(response).build() : b.setError(PolicyProtoMapper.rpcStatus(failure)).build();
        });
    }

    private <T> CompletionStage<T> unary(MessageLite in, Supplier<CompletionStage<T>> call) {
        return gate.unary(() -> {
            checkSize(in);
            return call.get();
        }, PolicyProtoMapper::grpcException);
    }

    private void checkSize(MessageLite in) {
        int size = in.getSerializedSize();
        if (size > info.getMaxRequestBytes()) {
            throw EnvException.resourceExhausted("request of " + size + " bytes exceeds this server's limit of "
                    + info.getMaxRequestBytes() + " bytes (max-request-bytes): send fewer rows per request, "
                    + "or raise icugym.policy-server.max-request-bytes on the server");
        }
    }

    private static GrpcServiceException shuttingDown() {
        return RequestGate.shuttingDown();
    }
}
