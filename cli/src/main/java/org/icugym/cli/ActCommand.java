package org.icugym.cli;

import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.icugym.core.io.NpyArray;
import org.icugym.proto.v1.ActRequest;
import org.icugym.proto.v1.ActResponse;
import org.icugym.proto.v1.DType;
import org.icugym.proto.v1.PolicyServiceClient;
import org.icugym.proto.v1.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code icugym act}: sends the observation rows of a file to a running policy server in one Act
 * request and prints the action, log-probability and value of each row, for quick checks; with
 * {@code --reasoning}, also each row's reasoning trace (JSON) where the model has one.
 */
@Command(name = "act", mixinStandardHelpOptions = true,
        description = "Send observations from a file (.npy of float64, or text: one row per line, values "
                + "separated by commas or spaces) to a policy server and print the actions.")
public final class ActCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Observation rows (.npy [n, d] or text).")
    Path file;

    @Option(names = "--target", description = "host:port of the policy server (default 127.0.0.1:50052).")
    String target = "127.0.0.1:50052";

    @Option(names = "--model", description = "Model id (default: the server's default model).")
    String model = "";

    @Option(names = "--sample", description = "Sample actions instead of taking the most probable one.")
    boolean sample;

    @Option(names = "--session", description = "Env-server session the rows come from: planner models (psr) "
            + "simulate its environments (row i = environment i unless --env-index is given).")
    String session = "";

    @Option(names = "--env-server", description = "host:port of the env server holding --session (default: the "
            + "policy server's configured one).")
    String envServer = "";

    @Option(names = "--env-index", split = ",", description = "Per row, the session's environment index.")
    List<Integer> envIndices = List.of();

    @Option(names = "--reasoning", description = "Ask for the reasoning trace and print it (one JSON object per row).")
    boolean reasoning;

    @Override
    public Integer call() throws Exception {
        List<float[]> rows = read(file);
        int colon = target.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("--target " + target + " is not host:port");
        }
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "icugym-act");
        try {
            PolicyServiceClient client = PolicyServiceClient.create(GrpcClientSettings.connectToServiceAt(
                    target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)), system).withTls(false), system);
            ActResponse r;
            try {
                r = client.act(ActRequest.newBuilder().setModelId(model).setDeterministic(!sample)
                        .setObservations(tensor(rows)).setSessionId(session).setEnvServer(envServer)
                        .addAllEnvIndices(envIndices).setWantReasoning(reasoning).build())
                        .toCompletableFuture().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                System.err.println("act failed: " + io.grpc.Status.fromThrowable(e.getCause()));
                client.close();
                return 1;
            }
            long[] actions = new long[rows.size()];
            r.getActions().getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(actions);
            float[] logp = floats(r.getLogProbs());
            float[] values = floats(r.getValues());
            System.out.println("model " + r.getModelId() + " v" + r.getModelVersion());
            System.out.println("row\taction\tlog_prob\tvalue");
            for (int i = 0; i < actions.length; i++) {
                System.out.printf("%d\t%d\t%.4f\t%.4f%n", i, actions[i], logp[i], values[i]);
            }
            for (int i = 0; i < r.getReasoningCount(); i++) {
                System.out.println("reasoning " + i + "\t" + r.getReasoning(i));
            }
            client.close();
            return 0;
        } finally {
            system.terminate();
        }
    }

    static List<float[]> read(Path file) throws IOException {
        List<float[]> rows = new ArrayList<>();
        if (file.toString().endsWith(".npy")) {
            try (InputStream in = Files.newInputStream(file)) {
                for (double[] row : NpyArray.read(in, file.toString()).toMatrix()) {
                    float[] r = new float[row.length];
                    for (int i = 0; i < r.length; i++) {
                        r[i] = (float) row[i];
                    }
                    rows.add(r);
                }
            }
        } else {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("[,\\s]+");
                float[] r = new float[parts.length];
                for (int i = 0; i < r.length; i++) {
                    r[i] = Float.parseFloat(parts[i]);
                }
                rows.add(r);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no observation rows");
        }
        int d = rows.get(0).length;
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).length != d) {
                throw new IllegalArgumentException(file + ": row " + i + " has " + rows.get(i).length
                        + " values, row 0 has " + d + "; every row needs the model's observation size");
            }
        }
        return rows;
    }

    private static Tensor tensor(List<float[]> rows) {
        int d = rows.get(0).length;
        ByteBuffer b = ByteBuffer.allocate(rows.size() * d * 4).order(ByteOrder.LITTLE_ENDIAN);
        rows.forEach(r -> {
            for (float v : r) {
                b.putFloat(v);
            }
        });
        return Tensor.newBuilder().setDtype(DType.DTYPE_FLOAT32).addShape(rows.size()).addShape(d)
                .setData(UnsafeByteOperations.unsafeWrap(b.array())).build();
    }

    private static float[] floats(Tensor t) {
        float[] out = new float[t.getData().size() / 4];
        t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
