package org.icugym.policyserver;

import com.google.protobuf.UnsafeByteOperations;
import com.typesafe.config.ConfigFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.icugym.agent.PolicyWeights;
import org.icugym.agent.mlp.MlpActorCritic;
import org.icugym.policyserver.pool.PolicyOpener;
import org.icugym.proto.v1.ActRequest;
import org.icugym.proto.v1.DType;
import org.icugym.proto.v1.PolicyServiceClient;
import org.icugym.proto.v1.Tensor;

/** A real policy server on a free loopback port plus a client actor system and the generated client. */
final class TestPolicyServer implements AutoCloseable {
    static final int OBS = 4;
    static final int ACTIONS = 3;

    final PolicyServer server;
    final ActorSystem<Void> clientSystem;
    final PolicyServiceClient client;

    private TestPolicyServer(PolicyServer server) {
        this.server = server;
        this.clientSystem = ActorSystem.create(Behaviors.empty(), "test-client",
                ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
        this.client = PolicyServiceClient.create(
                GrpcClientSettings.connectToServiceAt("127.0.0.1", server.port(), clientSystem).withTls(false),
                clientSystem);
    }

    /** A PPO MLP with seeded weights. */
    static PolicyWeights ppo(long seed) {
        return MlpActorCritic.initialWeights(OBS, ACTIONS, new int[] {16, 16}, seed);
    }

    /** A server of the "ppo" model; {@code overrides} is HOCON over the test defaults. */
    static TestPolicyServer start(String overrides) {
        return start(overrides, PolicyOpener.DEFAULT);
    }

    static TestPolicyServer start(String overrides, PolicyOpener opener) {
        var config = ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.parseString("""
                        icugym.policy-server { host = "127.0.0.1", port = 0 }
                        pekko.loglevel = WARNING
                        """))
                .withFallback(ConfigFactory.load());
        return new TestPolicyServer(PolicyServer.start(config, Map.of("ppo", ppo(1)), opener));
    }

    /** A float32 observation tensor of shape [rows.length, d]. */
    static Tensor obs(float[]... rows) {
        int d = rows[0].length;
        ByteBuffer b = ByteBuffer.allocate(rows.length * d * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] r : rows) {
            for (float v : r) {
                b.putFloat(v);
            }
        }
        return Tensor.newBuilder().setDtype(DType.DTYPE_FLOAT32).addShape(rows.length).addShape(d)
                .setData(UnsafeByteOperations.unsafeWrap(b.array())).build();
    }

    static ActRequest act(String model, float[]... rows) {
        return ActRequest.newBuilder().setModelId(model).setObservations(obs(rows)).setDeterministic(true).build();
    }

    static float[] floats(Tensor t) {
        float[] out = new float[t.getData().size() / 4];
        t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    static long[] longs(Tensor t) {
        long[] out = new long[t.getData().size() / 8];
        t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }

    @Override
    public void close() {
        client.close();
        clientSystem.terminate();
        server.close();
    }
}
