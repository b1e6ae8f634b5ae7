package org.icugym.cli;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.envs.physiology.PhysiologyObservation;
import org.icugym.evaluation.cohort.DecisionInput;
import org.icugym.evaluation.cohort.GreedyTarget;
import org.icugym.evaluation.cohort.TargetPolicy;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.grpc.TensorCodec;
import org.icugym.proto.v1.ActRequest;
import org.icugym.proto.v1.ActResponse;
import org.icugym.proto.v1.DType;
import org.icugym.proto.v1.GetPolicyInfoRequest;
import org.icugym.proto.v1.ModelInfo;
import org.icugym.proto.v1.PolicyInfo;
import org.icugym.proto.v1.PolicyServiceClient;
import org.icugym.proto.v1.Tensor;

/**
 * A policy served by {@code icugym serve-policy}, evaluated like a built-in one: each batch of
 * decisions becomes Act requests of {@code Sepsis-Physiology-v1} observation rows (as many rows
 * per request as the server accepts), and the reply's full action distribution, softened by
 * epsilon, is the policy's probabilities, for the cohort's steps and for the simulated patients.
 *
 * <p>The model must take {@value PhysiologyObservation#DIM}-value observations and have 25 actions
 * (checked with GetPolicyInfo when connecting). Owns a client actor system: {@link #close()} it.
 */
final class RemotePolicyTarget implements TargetPolicy, AutoCloseable {
    private static final long TIMEOUT_S = 60;

    private final String name;
    private final String model;
    private final double epsilon;
    private final ActorSystem<Void> system;
    private final PolicyServiceClient client;
    private final int rowsPerRequest;

    private RemotePolicyTarget(String name, String model, double epsilon, ActorSystem<Void> system,
            PolicyServiceClient client, int rowsPerRequest) {
        this.name = name;
        this.model = model;
        this.epsilon = epsilon;
        this.system = system;
        this.client = client;
        this.rowsPerRequest = rowsPerRequest;
    }

    /** Whether a {@code --policy} entry names a policy server ({@code host:port[/model]}). */
    static boolean isAddress(String policy) {
        return policy.contains(":");
    }

    /**
     * Connects to {@code host:port[/model]} and checks the model.
     *
     * @throws InvalidDatasetException when the address is malformed, the server cannot be reached or
     *     the model does not take Sepsis-Physiology-v1 observations with 25 actions
     */
    static RemotePolicyTarget connect(String address, double epsilon) {
        int slash = address.indexOf('/');
        String hostPort = slash < 0 ? address : address.substring(0, slash);
        String model = slash < 0 ? "" : address.substring(slash + 1);
        int colon = hostPort.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (colon < 1 || port < 1 || port > 65535) {
            throw new InvalidDatasetException("policy '" + address + "' is neither a built-in policy nor a policy "
                    + "server address host:port[/model], e.g. 127.0.0.1:50052/ppo");
        }
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "icugym-evaluate-client");
        PolicyServiceClient client = PolicyServiceClient.create(GrpcClientSettings.connectToServiceAt(
                hostPort.substring(0, colon), port, system).withTls(false), system);
        try {
            PolicyInfo info = await(client.getPolicyInfo(GetPolicyInfoRequest.newBuilder().setModelId(model).build())
                    .toCompletableFuture(), address, "GetPolicyInfo");
            if (!info.hasModel()) {
                throw new InvalidDatasetException("policy server " + hostPort + " serves no model; load one with "
                        + "'icugym serve-policy --model ID=FILE'");
            }
            ModelInfo m = info.getModel();
            if (m.getObservationSize() != PhysiologyObservation.DIM || m.getNumActions() != TreatmentAction.COUNT) {
                throw new InvalidDatasetException(String.format(Locale.ROOT, "model '%s' on %s takes %d observation "
                        + "values and has %d actions; evaluation needs a Sepsis-Physiology-v1 policy (%d values, %d "
                        + "actions)", m.getId(), hostPort, m.getObservationSize(), m.getNumActions(),
                        PhysiologyObservation.DIM, TreatmentAction.COUNT));
            }
            long bytesPerRow = PhysiologyObservation.DIM * 4L;
            int rows = (int) Math.max(1, Math.min(4096, (info.getMaxRequestBytes() - 1024) / bytesPerRow));
            return new RemotePolicyTarget(address, m.getId(), epsilon, system, client, rows);
        } catch (RuntimeException e) {
            client.close();
            system.terminate();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double[][] probabilities(List<DecisionInput> inputs) {
        double[][] out = new double[inputs.size()][];
        int d = PhysiologyObservation.DIM;
        for (int from = 0; from < inputs.size(); from += rowsPerRequest) {
            int n = Math.min(rowsPerRequest, inputs.size() - from);
            float[] rows = new float[n * d];
            for (int i = 0; i < n; i++) {
                System.arraycopy(inputs.get(from + i).observation(), 0, rows, i * d, d);
            }
            ActRequest request = ActRequest.newBuilder().setModelId(model).setDeterministic(true)
                    .setObservations(TensorCodec.float32(rows, n, d)).build();
            ActResponse reply = await(client.act(request).toCompletableFuture(), name, "Act");
            float[] p = floats(reply.getActionProbs(), n * TreatmentAction.COUNT);
            for (int i = 0; i < n; i++) {
                double[] row = new double[TreatmentAction.COUNT];
                for (int a = 0; a < row.length; a++) {
                    row[a] = p[i * TreatmentAction.COUNT + a];
                }
                out[from + i] = GreedyTarget.soften(normalised(row), epsilon);
            }
        }
        return out;
    }

    /** float32 probabilities do not sum to 1 exactly; rescale them. */
    private static double[] normalised(double[] p) {
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        for (int a = 0; a < p.length; a++) {
            p[a] /= sum;
        }
        return p;
    }

    private float[] floats(Tensor t, int expected) {
        if (t.getDtype() != DType.DTYPE_FLOAT32 || t.getData().size() != expected * 4) {
            throw new IllegalStateException("policy server " + name + " answered action_probs of " + t.getDtype()
                    + " with " + t.getData().size() + " bytes; expected " + expected + " float32 values");
        }
        float[] out = new float[expected];
        t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> call, String address, String rpc) {
        try {
            return call.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new InvalidDatasetException("policy server " + address + " failed " + rpc + ": "
                    + io.grpc.Status.fromThrowable(e.getCause()) + "; is 'icugym serve-policy' running there?");
        } catch (TimeoutException e) {
            throw new InvalidDatasetException("policy server " + address + " did not answer " + rpc + " within "
                    + TIMEOUT_S + " s; is 'icugym serve-policy' running there?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + address, e);
        }
    }

    @Override
    public void close() {
        client.close();
        system.terminate();
    }
}
