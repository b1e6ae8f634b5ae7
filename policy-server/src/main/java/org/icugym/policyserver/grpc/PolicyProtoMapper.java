package org.icugym.policyserver.grpc;

import org.icugym.grpc.TensorCodec;
import org.icugym.grpc.GrpcStatuses;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.pekko.grpc.GrpcServiceException;
import org.icugym.agent.PolicyException;
import org.icugym.agent.PolicyOutput;
import org.icugym.core.env.EnvException;
import org.icugym.policyserver.plan.Planning;
import org.icugym.policyserver.pool.Batcher;
import org.icugym.policyserver.pool.PolicyRegistry;
import org.icugym.proto.v1.ActRequest;
import org.icugym.proto.v1.ActResponse;
import org.icugym.proto.v1.ModelInfo;
import org.icugym.proto.v1.Tensor;

/**
 * The one place where the policy service maps between protobuf ({@code icugym.v1}) and the
 * domain types of the registry and the agents, including errors: {@link EnvException} and
 * {@link PolicyException} become typed gRPC statuses.
 */
public final class PolicyProtoMapper {
    private PolicyProtoMapper() {}

    /** Observation rows of a request: a float tensor {@code [n, d]} (or {@code [d]}, one row). */
    public record Observations(float[] values, int rows) {}

    /** Reads the observations of an Act request, rejecting wrong shapes, dtypes and non-finite values. */
    public static Observations observations(Tensor t) {
        int size = switch (t.getDtype()) {
            case DTYPE_FLOAT32 -> 4;
            case DTYPE_FLOAT64 -> 8;
            default -> throw EnvException.invalidArgument("observations have dtype " + t.getDtype()
                    + ": send DTYPE_FLOAT32 (or DTYPE_FLOAT64) of shape [n, d]");
        };
        if (t.getShapeCount() < 1 || t.getShapeCount() > 2) {
            throw EnvException.invalidArgument("observations have shape " + t.getShapeList()
                    + ": send a tensor of shape [n, d] (n rows of the model's observation size d)");
        }
        long rows = t.getShapeCount() == 1 ? 1 : t.getShape(0);
        long d = t.getShape(t.getShapeCount() - 1);
        if (rows < 1 || d < 1 || rows * d > Integer.MAX_VALUE / 8) {
            throw EnvException.invalidArgument("observations have shape " + t.getShapeList()
                    + ": need at least one row of at least one value");
        }
        long n = rows * d;
        if (n * size != t.getData().size()) {
            throw EnvException.invalidArgument("observations of shape " + t.getShapeList() + " and dtype " + t.getDtype()
                    + " need " + n * size + " bytes of data but have " + t.getData().size()
                    + ": pack the values little-endian, row-major");
        }
        ByteBuffer data = t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[(int) n];
        for (int i = 0; i < out.length; i++) {
            float v = size == 4 ? data.getFloat(i * 4) : (float) data.getDouble(i * 8);
            if (!Float.isFinite(v)) {
                throw EnvException.invalidArgument("observation row " + i / d + " holds " + v + " at index " + i % d
                        + ": observations must be finite");
            }
            out[i] = v;
        }
        return new Observations(out, (int) rows);
    }

    /** Where the observations of an Act request come from, for planners. */
    public static Planning.Target planningTarget(ActRequest in) {
        return new Planning.Target(in.getSessionId(), in.getEnvServer(),
                in.getEnvIndicesList().stream().mapToInt(Integer::intValue).toArray(), in.getWantReasoning());
    }

    /** The reply of an Act request. */
    public static ActResponse act(Planning.Planned planned) {
        Batcher.Acted acted = planned.acted();
        PolicyOutput o = acted.output();
        int n = o.rows();
        return ActResponse.newBuilder()
                .setActions(TensorCodec.int64(o.actions(), n))
                .setLogProbs(TensorCodec.float32(o.logProbs(), n))
                .setValues(TensorCodec.float32(o.values(), n))
                .setActionProbs(TensorCodec.float32(o.probs(), n, o.numActions()))
                .setModelId(acted.modelId())
                .setModelVersion(acted.version())
                .addAllReasoning(planned.reasoning())
                .build();
    }

    /** The protobuf form of a registry entry. */
    public static ModelInfo model(PolicyRegistry.ModelEntry e) {
        return ModelInfo.newBuilder().setId(e.id()).setVersion(e.version()).setKind(e.kind())
                .setObservationSize(e.observationSize()).setNumActions(e.numActions()).setSource(e.source())
                .addAllDevices(e.devices()).setIsDefault(e.isDefault()).build();
    }

    /** Bytes of inline weights. */
    public static byte[] bytes(ByteString b) {
        return b.toByteArray();
    }

    // ---- errors ----------------------------------------------------------------------------

    /** The gRPC status of a failure: typed codes for our exceptions, INTERNAL otherwise. */
    public static Status status(Throwable failure) {
        return GrpcStatuses.status(failure, PolicyProtoMapper::domainStatus,
                "the model did not answer in time (server overloaded): retry later or with fewer concurrent requests");
    }

    private static Status domainStatus(Throwable t) {
        if (t instanceof EnvException e) {
            return Status.fromCode(switch (e.code()) {
                case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
                case NOT_FOUND -> Status.Code.NOT_FOUND;
                case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
                case RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
                case UNIMPLEMENTED -> Status.Code.UNIMPLEMENTED;
                case UNAVAILABLE -> Status.Code.UNAVAILABLE;
                case INTERNAL -> Status.Code.INTERNAL;
            }).withDescription(e.getMessage());
        }
        if (t instanceof PolicyException e) {
            return Status.fromCode(switch (e.code()) {
                case NOT_FOUND -> Status.Code.NOT_FOUND;
                case INVALID_WEIGHTS, INVALID_INPUT -> Status.Code.INVALID_ARGUMENT;
                case DEVICE_UNAVAILABLE -> Status.Code.FAILED_PRECONDITION;
            }).withDescription(e.getMessage());
        }
        return null;
    }

    /** A failure as a gRPC exception. */
    public static GrpcServiceException grpcException(Throwable failure) {
        return new GrpcServiceException(status(failure));
    }

    /** A failure as an in-band {@code google.rpc.Status} for the ActStream. */
    public static com.google.rpc.Status rpcStatus(Throwable failure) {
        return GrpcStatuses.rpcStatus(status(failure));
    }

    /** The failure mapper of the generated handlers (invalid protobuf → INVALID_ARGUMENT). */
    public static org.apache.pekko.japi.Function<org.apache.pekko.actor.ActorSystem,
            org.apache.pekko.japi.Function<Throwable, org.apache.pekko.grpc.Trailers>> handlerErrors() {
        return GrpcStatuses.handlerErrors(PolicyProtoMapper::status);
    }
}
