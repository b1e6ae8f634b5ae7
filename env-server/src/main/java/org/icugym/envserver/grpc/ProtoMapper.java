package org.icugym.envserver.grpc;

import org.icugym.grpc.TensorCodec;
import org.icugym.grpc.GrpcStatuses;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.apache.pekko.grpc.GrpcServiceException;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.CandidateForecast;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.EnvOption;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.Forecast;
import org.icugym.core.env.InfoBuffer;
import org.icugym.core.env.InfoKey;
import org.icugym.core.env.ResetResult;
import org.icugym.core.env.SimulationLimits;
import org.icugym.core.env.StepResult;
import org.icugym.core.space.BoxSpace;
import org.icugym.core.space.DiscreteSpace;
import org.icugym.core.space.MultiDiscreteSpace;
import org.icugym.core.space.Space;
import org.icugym.envserver.session.Session;
import org.icugym.proto.v1.ActionPlan;
import org.icugym.proto.v1.CandidateOutcome;
import org.icugym.proto.v1.CreateSessionResponse;
import org.icugym.proto.v1.DType;
import org.icugym.proto.v1.InfoField;
import org.icugym.proto.v1.InfoKeySpec;
import org.icugym.proto.v1.OptionSpec;
import org.icugym.proto.v1.ResetResponse;
import org.icugym.proto.v1.ServerLimits;
import org.icugym.proto.v1.SimulateRequest;
import org.icugym.proto.v1.SimulateResponse;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;
import org.icugym.proto.v1.Tensor;

/**
 * The one place where the environment service maps between protobuf ({@code icugym.v1}) and the
 * domain types of {@code core}, including errors: {@link EnvException} codes become gRPC statuses
 * (unary calls) or {@code google.rpc.Status} (in-band on the Session stream).
 *
 * <p>Tensors are little-endian and row-major; outgoing tensors wrap freshly written arrays with
 * {@link UnsafeByteOperations#unsafeWrap} (no second copy).
 */
public final class ProtoMapper {
    private ProtoMapper() {}

    // ---- specs and spaces ------------------------------------------------------------------

    /** The protobuf form of an environment spec. */
    public static org.icugym.proto.v1.EnvSpec spec(EnvSpec spec) {
        org.icugym.proto.v1.EnvSpec.Builder b = org.icugym.proto.v1.EnvSpec.newBuilder()
                .setId(spec.id())
                .setDescription(spec.description())
                .setObservationSpace(space(spec.observationSpace()))
                .setActionSpace(space(spec.actionSpace()))
                .setRewardMin(spec.rewardMin())
                .setRewardMax(spec.rewardMax())
                .setMaxEpisodeSteps(spec.maxEpisodeSteps())
                .setReferenceDiscount(spec.referenceDiscount());
        for (AutoresetMode m : AutoresetMode.values()) {
            if (spec.autoresetModes().contains(m)) {
                b.addAutoresetModes(autoresetMode(m));
            }
        }
        for (InfoKey k : spec.infoKeys()) {
            b.addInfoKeys(InfoKeySpec.newBuilder().setName(k.name()).setDescription(k.description()));
        }
        for (EnvOption o : spec.options()) {
            b.addOptions(OptionSpec.newBuilder().setName(o.name()).setDescription(o.description())
                    .setDefaultValue(o.defaultValue()));
        }
        if (spec.actionGrid() != null) {
            b.setActionGrid(multiDiscrete(spec.actionGrid()));
        }
        return b.build();
    }

    /** The protobuf form of a space. */
    public static org.icugym.proto.v1.Space space(Space space) {
        org.icugym.proto.v1.Space.Builder b = org.icugym.proto.v1.Space.newBuilder();
        if (space instanceof BoxSpace box) {
            org.icugym.proto.v1.BoxSpace.Builder bb = org.icugym.proto.v1.BoxSpace.newBuilder()
                    .setDtype(DType.DTYPE_FLOAT32).addAllNames(box.names()).addAllUnits(box.units());
            for (int d : box.shape()) {
                bb.addShape(d);
            }
            for (int i = 0; i < box.low().length; i++) {
                bb.addLow(box.low()[i]).addHigh(box.high()[i]);
            }
            b.setBox(bb);
        } else if (space instanceof DiscreteSpace d) {
            b.setDiscrete(org.icugym.proto.v1.DiscreteSpace.newBuilder().setN(d.n()).setStart(d.start())
                    .addAllLabels(d.labels()));
        } else if (space instanceof MultiDiscreteSpace m) {
            b.setMultiDiscrete(multiDiscrete(m));
        }
        return b.build();
    }

    private static org.icugym.proto.v1.MultiDiscreteSpace multiDiscrete(MultiDiscreteSpace m) {
        org.icugym.proto.v1.MultiDiscreteSpace.Builder b = org.icugym.proto.v1.MultiDiscreteSpace.newBuilder()
                .addAllNames(m.names());
        for (int k : m.nvec()) {
            b.addNvec(k);
        }
        return b.build();
    }

    /** The protobuf form of an autoreset mode. */
    public static org.icugym.proto.v1.AutoresetMode autoresetMode(AutoresetMode mode) {
        return switch (mode) {
            case NEXT_STEP -> org.icugym.proto.v1.AutoresetMode.AUTORESET_MODE_NEXT_STEP;
            case SAME_STEP -> org.icugym.proto.v1.AutoresetMode.AUTORESET_MODE_SAME_STEP;
            case DISABLED -> org.icugym.proto.v1.AutoresetMode.AUTORESET_MODE_DISABLED;
        };
    }

    /** The domain autoreset mode; UNSPECIFIED means NEXT_STEP, unknown values are INVALID_ARGUMENT. */
    public static AutoresetMode autoresetMode(org.icugym.proto.v1.AutoresetMode mode) {
        return switch (mode) {
            case AUTORESET_MODE_UNSPECIFIED, AUTORESET_MODE_NEXT_STEP -> AutoresetMode.NEXT_STEP;
            case AUTORESET_MODE_SAME_STEP -> AutoresetMode.SAME_STEP;
            case AUTORESET_MODE_DISABLED -> AutoresetMode.DISABLED;
            default -> throw EnvException.invalidArgument("unknown autoreset_mode value; use AUTORESET_MODE_NEXT_STEP, "
                    + "AUTORESET_MODE_SAME_STEP or AUTORESET_MODE_DISABLED");
        };
    }

    /** {@code num_envs} of a request: 0 means 1. */
    public static int numEnvs(int requested) {
        if (requested < 0) {
            // uint32 values above 2^31 arrive negative
            throw EnvException.resourceExhausted("num_envs " + Integer.toUnsignedString(requested)
                    + " is far above the per-session limit: use fewer environments per session");
        }
        return requested == 0 ? 1 : requested;
    }

    // ---- results ---------------------------------------------------------------------------

    /** The protobuf form of a created session; {@code canSimulate} says whether it answers Simulate. */
    public static CreateSessionResponse created(Session.Created c, boolean canSimulate) {
        return CreateSessionResponse.newBuilder().setSessionId(c.sessionId())
                .setSpec(spec(c.spec()).toBuilder().setSupportsSimulate(canSimulate))
                .setNumEnvs(c.numEnvs()).setAutoresetMode(autoresetMode(c.mode())).build();
    }

    /** The protobuf form of a forecast: per-step tensors of shape [H] or [H, F] / [H, R]. */
    public static SimulateResponse simulated(Session.SimulateOutcome outcome) {
        Forecast f = outcome.forecast();
        int features = f.featureNames().size();
        int flags = f.flagNames().size();
        SimulateResponse.Builder b = SimulateResponse.newBuilder().addAllFeatureNames(f.featureNames())
                .addAllSafetyFlagNames(f.flagNames()).setNumSamples(f.numSamples()).setGroundTruth(f.groundTruth());
        for (CandidateForecast c : f.candidates()) {
            int h = c.horizon();
            b.addOutcomes(CandidateOutcome.newBuilder()
                    .setFeatureMean(float32(c.featureMean(), h, features))
                    .setFeatureStd(float32(c.featureStd(), h, features))
                    .setMortalityRisk(c.finalMortalityRisk())
                    .setPredictedReward(c.predictedReward())
                    .setEpistemicUncertainty(c.epistemicUncertainty())
                    .setMortalityRiskPerStep(float32(c.mortalityRisk(), h))
                    .setRewardPerStep(float32(c.rewardMean(), h))
                    .setSafetyFlagRate(float32(c.flagRate(), h, flags))
                    .setDoneRate(float32(c.doneRate(), h))
                    .setEpistemicPerStep(float32(c.disagreement(), h)));
        }
        return b.build();
    }

    /** The protobuf form of a reset result. */
    public static ResetResponse reset(Session.ResetOutcome outcome) {
        ResetResult r = outcome.result();
        int n = r.infos().numEnvs();
        return ResetResponse.newBuilder()
                .setObservations(observations(r.observations(), n, outcome.spec().observationSpace()))
                .putAllInfos(infos(r.infos()))
                .build();
    }

    /** The protobuf form of a step result. */
    public static StepResponse step(Session.StepOutcome outcome) {
        StepResult r = outcome.result();
        int n = r.numEnvs();
        Space obsSpace = outcome.spec().observationSpace();
        StepResponse.Builder b = StepResponse.newBuilder()
                .setObservations(observations(r.observations(), n, obsSpace))
                .setRewards(float32(r.rewards(), n))
                .setTerminated(bools(r.terminated()))
                .setTruncated(bools(r.truncated()))
                .putAllInfos(infos(r.infos()));
        if (r.finalMask() != null) {
            b.setFinalObservations(observations(r.finalObservations(), n, obsSpace))
                    .setFinalMask(bools(r.finalMask()))
                    .putAllFinalInfos(infos(r.finalInfos()));
        }
        return b.build();
    }

    /** The Simulate limits a server announces; each 0 (unset) takes its {@link SimulationLimits#DEFAULT}. */
    public static SimulationLimits simulationLimits(ServerLimits limits) {
        SimulationLimits d = SimulationLimits.DEFAULT;
        return new SimulationLimits(orDefault(limits.getMaxSimulateCandidates(), d.maxCandidates()),
                orDefault(limits.getMaxSimulateHorizon(), d.maxHorizon()),
                orDefault(limits.getMaxSimulateSamples(), d.maxSamples()),
                orDefault(limits.getDefaultSimulateSamples(), d.defaultSamples()));
    }

    private static int orDefault(int value, int fallback) {
        return value == 0 ? fallback : value;
    }

    /**
     * The candidate plans of a Simulate request as action arrays; rejects more plans or longer
     * plans than {@code limits} allow before copying them.
     */
    public static long[][] plans(SimulateRequest in, SimulationLimits limits) {
        if (in.getCandidatesCount() > limits.maxCandidates()) {
            throw EnvException.invalidArgument("Simulate got " + in.getCandidatesCount() + " candidate plans; the limit "
                    + "is " + limits.maxCandidates() + ": send at most " + limits.maxCandidates() + " per request");
        }
        long[][] plans = new long[in.getCandidatesCount()][];
        for (int k = 0; k < plans.length; k++) {
            ActionPlan plan = in.getCandidates(k);
            if (plan.getActionsCount() > limits.maxHorizon()) {
                throw EnvException.invalidArgument("candidate " + k + " has " + plan.getActionsCount()
                        + " actions; the horizon must be 1.." + limits.maxHorizon());
            }
            plans[k] = plan.getActionsList().stream().mapToLong(Long::longValue).toArray();
        }
        return plans;
    }

    /** A uint32 index or count as an int; values above Integer.MAX_VALUE become Integer.MAX_VALUE (out of any range). */
    public static int index(int unsigned) {
        return (int) Math.min(Integer.MAX_VALUE, Integer.toUnsignedLong(unsigned));
    }

    /**
     * Observations as a tensor: DTYPE_INT64 {@code [n]} for a Discrete space, DTYPE_INT64
     * {@code [n, k]} for MultiDiscrete, otherwise DTYPE_FLOAT32 {@code [n, *shape]}.
     */
    static Tensor observations(float[] obs, int n, Space space) {
        if (space instanceof BoxSpace box) {
            Tensor.Builder t = Tensor.newBuilder().setDtype(DType.DTYPE_FLOAT32).addShape(n);
            for (int d : box.shape()) {
                t.addShape(d);
            }
            return t.setData(floatBytes(obs)).build();
        }
        ByteBuffer buf = ByteBuffer.allocate(obs.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : obs) {
            buf.putLong((long) v);
        }
        Tensor.Builder t = Tensor.newBuilder().setDtype(DType.DTYPE_INT64).addShape(n);
        if (space instanceof MultiDiscreteSpace m) {
            t.addShape(m.flatDim());
        }
        return t.setData(UnsafeByteOperations.unsafeWrap(buf.array())).build();
    }

    private static Tensor float32(float[] values, int n) {
        return TensorCodec.float32(values, n);
    }

    private static Tensor float32(float[] values, int rows, int columns) {
        return TensorCodec.float32(values, rows, columns);
    }

    private static ByteString floatBytes(float[] values) {
        return TensorCodec.floatBytes(values);
    }

    private static Tensor bools(boolean[] values) {
        return TensorCodec.bools(values, values.length);
    }

    private static Tensor float64(double[] values) {
        return TensorCodec.float64(values, values.length);
    }

    /** Infos by key; only keys that at least one environment reported. */
    private static Map<String, InfoField> infos(InfoBuffer infos) {
        List<String> keys = infos.keys();
        Map<String, InfoField> out = new java.util.LinkedHashMap<>();
        for (int c = 0; c < keys.size(); c++) {
            if (infos.anyPresent(c)) {
                out.put(keys.get(c), InfoField.newBuilder().setValues(float64(infos.values(c)))
                        .setPresent(bools(infos.present(c))).build());
            }
        }
        return out;
    }

    // ---- requests --------------------------------------------------------------------------

    /**
     * The actions of a step request: {@code actions} (an integer tensor of shape {@code [n]}, or a
     * float tensor holding whole numbers) or {@code discrete_actions}, not both.
     */
    public static long[] actions(StepRequest req) {
        boolean hasTensor = req.hasActions();
        if (hasTensor && req.getDiscreteActionsCount() > 0) {
            throw EnvException.invalidArgument("give actions or discrete_actions, not both");
        }
        if (!hasTensor) {
            return req.getDiscreteActionsList().stream().mapToLong(Long::longValue).toArray();
        }
        Tensor t = req.getActions();
        int n = checkedActionCount(t);
        ByteBuffer data = t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] actions = new long[n];
        for (int i = 0; i < n; i++) {
            actions[i] = switch (t.getDtype()) {
                case DTYPE_INT32 -> data.getInt(i * 4);
                case DTYPE_INT64 -> data.getLong(i * 8);
                case DTYPE_UINT8 -> Byte.toUnsignedLong(data.get(i));
                case DTYPE_FLOAT32 -> wholeNumber(data.getFloat(i * 4), i);
                case DTYPE_FLOAT64 -> wholeNumber(data.getDouble(i * 8), i);
                default -> throw new IllegalStateException("checked above");
            };
        }
        return actions;
    }

    private static int checkedActionCount(Tensor t) {
        int size = switch (t.getDtype()) {
            case DTYPE_INT32, DTYPE_FLOAT32 -> 4;
            case DTYPE_INT64, DTYPE_FLOAT64 -> 8;
            case DTYPE_UINT8 -> 1;
            default -> throw EnvException.invalidArgument("actions have dtype " + t.getDtype()
                    + "; a Discrete action space takes DTYPE_INT64 or DTYPE_INT32 action indices");
        };
        if (t.getShapeCount() != 1 || t.getShape(0) < 0) {
            throw EnvException.invalidArgument("actions have shape " + t.getShapeList()
                    + "; send a one-dimensional tensor of shape [num_envs]");
        }
        long n = t.getShape(0);
        if (n * size != t.getData().size()) {
            throw EnvException.invalidArgument("actions tensor of shape [" + n + "] and dtype " + t.getDtype()
                    + " needs " + n * size + " bytes of data but has " + t.getData().size()
                    + ": pack the values little-endian, row-major");
        }
        return (int) n;
    }

    private static long wholeNumber(double v, int env) {
        if (Double.isNaN(v)) {
            throw EnvException.invalidArgument("action of environment " + env + " is NaN: send an action index");
        }
        if (v != Math.rint(v) || Double.isInfinite(v)) {
            throw EnvException.invalidArgument("action " + v + " of environment " + env
                    + " is not a whole number: send action indices (DTYPE_INT64)");
        }
        return (long) v;
    }

    /** A repeated bool field as an array, or null when empty. */
    public static boolean[] mask(List<Boolean> values) {
        if (values.isEmpty()) {
            return null;
        }
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** A repeated int64 field as an array, or null when empty. */
    public static long[] longs(List<Long> values) {
        return values.isEmpty() ? null : values.stream().mapToLong(Long::longValue).toArray();
    }

    // ---- errors ----------------------------------------------------------------------------

    /** The gRPC status of a failure: typed codes for {@link EnvException}, INTERNAL otherwise. */
    public static Status status(Throwable failure) {
        return GrpcStatuses.status(failure, t -> t instanceof EnvException e
                ? Status.fromCode(code(e.code())).withDescription(e.getMessage()) : null,
                "the session did not answer in time (server overloaded or the session is stuck): retry later, "
                        + "or create a new session");
    }

    /** A failure as a gRPC exception, for failing a unary call or a stream. */
    public static GrpcServiceException grpcException(Throwable failure) {
        return new GrpcServiceException(status(failure));
    }

    /** A failure as an in-band {@code google.rpc.Status} for the Session stream. */
    public static com.google.rpc.Status rpcStatus(Throwable failure) {
        return GrpcStatuses.rpcStatus(status(failure));
    }

    /**
     * The failure mapper of the generated handlers: a request that is not valid protobuf answers
     * INVALID_ARGUMENT (instead of INTERNAL), an unknown method UNIMPLEMENTED; anything else as
     * {@link #status}.
     */
    public static org.apache.pekko.japi.Function<org.apache.pekko.actor.ActorSystem,
            org.apache.pekko.japi.Function<Throwable, org.apache.pekko.grpc.Trailers>> handlerErrors() {
        return GrpcStatuses.handlerErrors(t -> t instanceof UnsupportedOperationException
                ? Status.UNIMPLEMENTED.withDescription(t.getMessage()
                        + ": this server does not know that method; list the methods with server reflection")
                : status(t));
    }

    private static Status.Code code(EnvException.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.Code.NOT_FOUND;
            case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
            case RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
            case UNIMPLEMENTED -> Status.Code.UNIMPLEMENTED;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
            case INTERNAL -> Status.Code.INTERNAL;
        };
    }
}
