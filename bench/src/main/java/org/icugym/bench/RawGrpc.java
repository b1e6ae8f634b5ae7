package org.icugym.bench;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Codec;
import io.grpc.DecompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.icugym.proto.v1.AutoresetMode;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.CreateSessionResponse;
import org.icugym.proto.v1.DType;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.ResetResponse;
import org.icugym.proto.v1.SessionRequest;
import org.icugym.proto.v1.SessionResponse;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;
import org.icugym.proto.v1.Tensor;

/**
 * Bare grpc-java calls (no generated stubs, no actors) used by the load generator, so the client
 * adds as little as possible to what is measured. The client never advertises compression.
 */
final class RawGrpc {
    static final String ENV_SERVICE = "icugym.v1.EnvService";
    static final String ECHO_SERVICE = "icugym.bench.v1.TransportEcho";

    private RawGrpc() {}

    /** A plaintext channel to {@code 127.0.0.1:port} that does not ask for compressed responses. */
    static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .decompressorRegistry(DecompressorRegistry.emptyInstance().with(Codec.Identity.NONE, false))
                .maxInboundMessageSize(64 << 20)
                .build();
    }

    static <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message> MethodDescriptor<Q, R> method(
            String service, String name, MethodDescriptor.MethodType type, Q req, R resp) {
        return MethodDescriptor.<Q, R>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, name))
                .setRequestMarshaller(ProtoUtils.marshaller(req))
                .setResponseMarshaller(ProtoUtils.marshaller(resp))
                .build();
    }

    static MethodDescriptor<StepRequest, StepResponse> step(String service) {
        return method(service, "Step", MethodDescriptor.MethodType.UNARY,
                StepRequest.getDefaultInstance(), StepResponse.getDefaultInstance());
    }

    static MethodDescriptor<SessionRequest, SessionResponse> session(String service) {
        return method(service, "Session", MethodDescriptor.MethodType.BIDI_STREAMING,
                SessionRequest.getDefaultInstance(), SessionResponse.getDefaultInstance());
    }

    /** Creates and resets an environment-server session; returns its id. */
    static String createSession(ManagedChannel ch, String envId, int numEnvs, long seed) {
        CreateSessionResponse created = ClientCalls.blockingUnaryCall(ch,
                method(ENV_SERVICE, "CreateSession", MethodDescriptor.MethodType.UNARY,
                        CreateSessionRequest.getDefaultInstance(), CreateSessionResponse.getDefaultInstance()),
                CallOptions.DEFAULT,
                CreateSessionRequest.newBuilder().setEnvId(envId).setNumEnvs(numEnvs).setSeed(seed)
                        .setAutoresetMode(AutoresetMode.AUTORESET_MODE_NEXT_STEP).build());
        ClientCalls.blockingUnaryCall(ch,
                method(ENV_SERVICE, "Reset", MethodDescriptor.MethodType.UNARY,
                        ResetRequest.getDefaultInstance(), ResetResponse.getDefaultInstance()),
                CallOptions.DEFAULT,
                ResetRequest.newBuilder().setSessionId(created.getSessionId()).setSeed(seed).build());
        return created.getSessionId();
    }

    /** A step request for {@code numEnvs} environments, every action {@code action}. */
    static StepRequest stepRequest(String sessionId, int numEnvs, long action) {
        ByteBuffer buf = ByteBuffer.allocate(numEnvs * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < numEnvs; i++) {
            buf.putLong(action);
        }
        return StepRequest.newBuilder().setSessionId(sessionId)
                .setActions(Tensor.newBuilder().setDtype(DType.DTYPE_INT64).addShape(numEnvs)
                        .setData(ByteString.copyFrom(buf.array())))
                .build();
    }

    static <Q, R> ClientCall<Q, R> call(ManagedChannel ch, MethodDescriptor<Q, R> m) {
        return ch.newCall(m, CallOptions.DEFAULT);
    }
}
