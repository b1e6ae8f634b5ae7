package org.icugym.envserver.grpc;

import org.icugym.grpc.RequestGate;
import com.google.protobuf.MessageLite;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.javadsl.Source;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.EnvFactory;
import org.icugym.core.env.EnvRegistry;
import org.icugym.core.env.SimulationLimits;
import org.icugym.envserver.metrics.ServerMetrics;
import org.icugym.envserver.session.Session;
import org.icugym.envserver.session.SessionManager;
import org.icugym.proto.v1.CloseSessionRequest;
import org.icugym.proto.v1.CloseSessionResponse;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.CreateSessionResponse;
import org.icugym.proto.v1.EnvService;
import org.icugym.proto.v1.GetServerInfoRequest;
import org.icugym.proto.v1.ListEnvironmentsRequest;
import org.icugym.proto.v1.ListEnvironmentsResponse;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.ResetResponse;
import org.icugym.proto.v1.ServerInfo;
import org.icugym.proto.v1.SessionRequest;
import org.icugym.proto.v1.SessionResponse;
import org.icugym.proto.v1.SimulateRequest;
import org.icugym.proto.v1.SimulateResponse;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;

/**
 * The gRPC environment service: each rpc checks the request size, asks the
 * {@link SessionManager} (which routes to the session's actor) with a timeout, and maps the reply
 * with {@link ProtoMapper}. Unary calls fail with typed gRPC statuses; the Session stream answers
 * each request in order, with per-request errors in-band, and ends with a status only for a
 * malformed envelope or a shutdown. Every request passes the {@link RequestGate}, so a graceful
 * shutdown finishes accepted requests and refuses new ones with UNAVAILABLE.
 */
public final class EnvServiceImpl implements EnvService {
    private final ActorRef<SessionManager.Command> manager;
    private final Scheduler scheduler;
    private final EnvRegistry registry;
    private final ServerInfo serverInfo;
    private final long maxRequestBytes;
    private final Duration askTimeout;
    private final ServerMetrics metrics;
    private final RequestGate gate;
    private final SimulationLimits simulationLimits;

    /**
     * A service in front of {@code manager}.
     *
     * @param manager the session manager
     * @param scheduler the actor system's scheduler (for ask timeouts)
     * @param registry the environments the manager serves
     * @param serverInfo what GetServerInfo answers (limits included; Simulate limits left at 0 take
     *     {@link SimulationLimits#DEFAULT})
     * @param askTimeout how long a request may wait for its session
     * @param metrics where step counts and latencies go
     * @param gate the shutdown gate every request passes
     */
    public EnvServiceImpl(ActorRef<SessionManager.Command> manager, Scheduler scheduler, EnvRegistry registry,
            ServerInfo serverInfo, Duration askTimeout, ServerMetrics metrics, RequestGate gate) {
        this.manager = manager;
        this.scheduler = scheduler;
        this.registry = registry;
        this.serverInfo = serverInfo;
        this.maxRequestBytes = serverInfo.getLimits().getMaxRequestBytes();
        this.askTimeout = askTimeout;
        this.metrics = metrics;
        this.gate = gate;
        this.simulationLimits = ProtoMapper.simulationLimits(serverInfo.getLimits());
    }

    // ---- unary rpcs ------------------------------------------------------------------------

    @Override
    public CompletionStage<ServerInfo> getServerInfo(GetServerInfoRequest in) {
        return unary("GetServerInfo", in, () -> CompletableFuture.completedFuture(serverInfo));
    }

    @Override
    public CompletionStage<ListEnvironmentsResponse> listEnvironments(ListEnvironmentsRequest in) {
        return unary("ListEnvironments", in, () -> CompletableFuture.completedFuture(environments()));
    }

    @Override
    public CompletionStage<CreateSessionResponse> createSession(CreateSessionRequest in) {
        return unary("CreateSession", in, () -> create(in));
    }

    @Override
    public CompletionStage<ResetResponse> reset(ResetRequest in) {
        return unary("Reset", in, () -> reset0(in));
    }

    @Override
    public CompletionStage<StepResponse> step(StepRequest in) {
        return unary("Step", in, () -> step0(in));
    }

    @Override
    public CompletionStage<SimulateResponse> simulate(SimulateRequest in) {
        return unary("Simulate", in, () -> simulate0(in));
    }

    @Override
    public CompletionStage<CloseSessionResponse> closeSession(CloseSessionRequest in) {
        return unary("CloseSession", in, () -> close(in));
    }

    // ---- the Session stream ----------------------------------------------------------------

    @Override
    public Source<SessionResponse, NotUsed> session(Source<SessionRequest, NotUsed> in) {
        if (gate.isClosed()) {
            return Source.failed(shuttingDown());
        }
        StreamSessions owned = new StreamSessions();
        return in.mapAsync(1, req -> answer(req, owned))
                .watchTermination((mat, done) -> {
                    done.whenComplete((d, failure) -> owned.streamEnded());
                    return mat;
                });
    }

    /**
     * The sessions created on one Session stream and not yet closed on it: when the stream ends
     * (completes, fails or is cancelled) they are closed, and a create that finishes after the end
     * closes its session at once.
     */
    private final class StreamSessions {
        private final java.util.Set<String> open = new java.util.HashSet<>();
        private boolean ended;

        synchronized void created(String sessionId) {
            if (ended) {
                closeQuietly(sessionId);
            } else {
                open.add(sessionId);
            }
        }

        synchronized void closed(String sessionId) {
            open.remove(sessionId);
        }

        synchronized void streamEnded() {
            ended = true;
            open.forEach(this::closeQuietly);
            open.clear();
        }

        private void closeQuietly(String sessionId) {
            close(CloseSessionRequest.newBuilder().setSessionId(sessionId).build());
        }
    }

    /** Answers one stream request; completes exceptionally only for fatal errors (ends the stream). */
    private CompletionStage<SessionResponse> answer(SessionRequest req, StreamSessions owned) {
        if (req.getRequestCase() == SessionRequest.RequestCase.REQUEST_NOT_SET) {
            return CompletableFuture.failedFuture(new GrpcServiceException(Status.INVALID_ARGUMENT.withDescription(
                    "SessionRequest " + req.getRequestId() + " carries no request: set one of create, reset, step, "
                            + "simulate or close")));
        }
        if (!gate.enter()) {
            return CompletableFuture.failedFuture(shuttingDown());
        }
        SessionResponse.Builder b = SessionResponse.newBuilder().setRequestId(req.getRequestId());
        CompletionStage<SessionResponse> answer;
        try {
            checkSize(req);
            answer = switch (req.getRequestCase()) {
                case CREATE -> create(req.getCreate()).thenApply(r -> {
                    owned.created(r.getSessionId());
                    return b.setCreate(r).build();
                });
                case RESET -> reset0(req.getReset()).thenApply(r -> b.setReset(r).build());
                case STEP -> step0(req.getStep()).thenApply(r -> b.setStep(r).build());
                case SIMULATE -> simulate0(req.getSimulate()).thenApply(r -> b.setSimulate(r).build());
                case CLOSE -> close(req.getClose()).thenApply(r -> {
                    owned.closed(req.getClose().getSessionId());
                    return b.setClose(r).build();
                });
                case REQUEST_NOT_SET -> throw new IllegalStateException("checked above");
            };
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((response, failure) -> {
            gate.exit();
            if (failure == null) {
                return response;
            }
            metrics.requestFailed("Session/" + req.getRequestCase().name().toLowerCase(java.util.Locale.ROOT),
                    ProtoMapper.status(failure).getCode().name());
            return b.clear().setRequestId(req.getRequestId()).setError(ProtoMapper.rpcStatus(failure)).build();
        });
    }

    // ---- operations shared by both paths ---------------------------------------------------

    private ListEnvironmentsResponse environments() {
        ListEnvironmentsResponse.Builder b = ListEnvironmentsResponse.newBuilder();
        for (EnvFactory f : registry.all()) {
            b.addEnvironments(ProtoMapper.spec(f.spec()).toBuilder().setSupportsSimulate(f.canSimulate()));
        }
        return b.build();
    }

    private CompletionStage<CreateSessionResponse> create(CreateSessionRequest in) {
        int numEnvs = ProtoMapper.numEnvs(in.getNumEnvs());
        var mode = ProtoMapper.autoresetMode(in.getAutoresetMode());
        Long seed = in.hasSeed() ? in.getSeed() : null;
        return AskPattern.<SessionManager.Command, Session.Created>askWithStatus(manager,
                        replyTo -> new SessionManager.CreateSession(in.getEnvId(), numEnvs, seed, in.getOptionsMap(),
                                mode, replyTo), askTimeout, scheduler)
                .thenApply(c -> ProtoMapper.created(c, registry.factory(in.getEnvId()).canSimulate()));
    }

    private CompletionStage<ResetResponse> reset0(ResetRequest in) {
        Long seed = in.hasSeed() ? in.getSeed() : null;
        long[] seeds = ProtoMapper.longs(in.getSeedsList());
        boolean[] mask = ProtoMapper.mask(in.getResetMaskList());
        return this.<Session.ResetOutcome>ask(in.getSessionId(),
                        replyTo -> new Session.Reset(seed, seeds, mask, in.getOptionsMap(), replyTo))
                .thenApply(ProtoMapper::reset);
    }

    private CompletionStage<StepResponse> step0(StepRequest in) {
        long start = System.nanoTime();
        long[] actions = ProtoMapper.actions(in);
        return this.<Session.StepOutcome>ask(in.getSessionId(), replyTo -> new Session.Step(actions, replyTo))
                .thenApply(outcome -> {
                    StepResponse response = ProtoMapper.step(outcome);
                    metrics.stepped(outcome.result().numEnvs(), System.nanoTime() - start);
                    return response;
                });
    }

    private CompletionStage<SimulateResponse> simulate0(SimulateRequest in) {
        long[][] plans = ProtoMapper.plans(in, simulationLimits);
        int envIndex = ProtoMapper.index(in.getEnvIndex());
        int samples = ProtoMapper.index(in.getNumSamples());
        return this.<Session.SimulateOutcome>ask(in.getSessionId(),
                        replyTo -> new Session.Simulate(envIndex, plans, samples, simulationLimits, replyTo))
                .thenApply(ProtoMapper::simulated);
    }

    private CompletionStage<CloseSessionResponse> close(CloseSessionRequest in) {
        return this.<Done>ask(in.getSessionId(), Session.Close::new)
                .thenApply(done -> CloseSessionResponse.getDefaultInstance());
    }

    private <T> CompletionStage<T> ask(String sessionId, Function<ActorRef<StatusReply<T>>, Session.Request> request) {
        if (sessionId.isEmpty()) {
            throw EnvException.invalidArgument("session_id is empty: pass the id CreateSession returned");
        }
        return AskPattern.askWithStatus(manager,
                replyTo -> new SessionManager.Forward(sessionId, request.apply(replyTo)), askTimeout, scheduler);
    }

    // ---- plumbing --------------------------------------------------------------------------

    private <T> CompletionStage<T> unary(String rpc, MessageLite in, Supplier<CompletionStage<T>> call) {
        return gate.unary(() -> {
            checkSize(in);
            return call.get();
        }, failure -> {
            GrpcServiceException e = ProtoMapper.grpcException(failure);
            metrics.requestFailed(rpc, e.getStatus().getCode().name());
            return e;
        });
    }

    private void checkSize(MessageLite in) {
        int size = in.getSerializedSize();
        if (size > maxRequestBytes) {
            throw EnvException.resourceExhausted("request of " + size + " bytes exceeds this server's limit of "
                    + maxRequestBytes + " bytes (max-request-bytes): send fewer environments per request, "
                    + "or raise icugym.env-server.max-request-bytes on the server");
        }
    }

    private static GrpcServiceException shuttingDown() {
        return RequestGate.shuttingDown();
    }
}
