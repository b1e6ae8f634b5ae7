package org.icugym.worldmodel.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.artifact.WorldModelException;
import org.icugym.worldmodel.model.DjlRuntime;
import org.icugym.worldmodel.model.InputEncoding;
import org.icugym.worldmodel.model.OutputLayout;
import org.icugym.worldmodel.model.WorldModelNetwork;

/**
 * A loaded Clinical World Model ready for batched inference: one forward pass per member per call,
 * however many rows (sessions, environments, candidate actions) the batch holds.
 *
 * <p>Owns the native memory of its weights: {@link #close()} it. Not thread-safe; give each
 * inference worker its own instance. Per call, arrays live in a sub-manager that is closed before
 * returning, so a long-running server does not grow native memory. PyTorch's thread pool is set
 * by the system properties {@code ai.djl.pytorch.num_threads} and {@code
 * ai.djl.pytorch.num_interop_threads} before the engine starts.
 */
public final class WorldModel implements AutoCloseable {
    /**
     * Every forward pass has at least this many rows (short batches are padded with zero rows).
     * PyTorch's CPU kernels pick their code path by batch size and the paths for 1-3 rows round
     * differently from the others; with the padding a row's outputs are bit-identical whatever
     * batch it travels in, so environments stay reproducible when a server batches sessions together.
     */
    public static final int MIN_FORWARD_ROWS = 8;

    private final WorldModelArtifact artifact;
    private final NDManager manager;
    private final ParameterStore parameters;
    private final List<Block> members;
    private final InputEncoding encoding;
    private final OutputLayout output;

    private WorldModel(WorldModelArtifact artifact, NDManager manager, List<Block> members) {
        this.artifact = artifact;
        this.manager = manager;
        this.parameters = new ParameterStore(manager, false);
        this.members = members;
        this.encoding = encodingOf(artifact);
        this.output = new OutputLayout(artifact.layout().dynamicCount());
    }

    /**
     * Loads every member of an artifact onto a device.
     *
     * @param artifact the trained model
     * @param device DJL device name, e.g. {@code "cpu"} or {@code "gpu0"}
     * @throws WorldModelException {@code ENGINE_FAILURE} if the engine or device is unavailable,
     *     {@code INVALID_ARTIFACT} if the weights do not fit the architecture
     */
    public static WorldModel open(WorldModelArtifact artifact, String device) {
        NDManager manager = newManager(device);
        try {
            List<Block> members = new ArrayList<>();
            OutputLayout output = new OutputLayout(artifact.layout().dynamicCount());
            InputEncoding encoding = encodingOf(artifact);
            for (byte[] weights : artifact.memberWeights()) {
                Block block = WorldModelNetwork.create(artifact.config(), encoding, output);
                block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(weights)));
                members.add(block);
            }
            return new WorldModel(artifact, manager, members);
        } catch (IOException | MalformedModelException | IllegalArgumentException e) {
            manager.close();
            throw new WorldModelException(WorldModelException.Code.INVALID_ARTIFACT,
                    "member weights do not fit the stored architecture (" + e.getMessage() + "); retrain the model", e);
        }
    }

    /** The input encoding rows must follow. */
    public static InputEncoding encodingOf(WorldModelArtifact artifact) {
        return new InputEncoding(artifact.layout().dynamicCount(), artifact.layout().staticCount(),
                artifact.config().historyLength());
    }

    /** The artifact this model was loaded from. */
    public WorldModelArtifact artifact() {
        return artifact;
    }

    /** The input encoding rows must follow. */
    public InputEncoding encoding() {
        return encoding;
    }

    /** Number of ensemble members. */
    public int members() {
        return members.size();
    }

    /**
     * One member's raw output rows ({@link OutputLayout}), one forward pass for the whole batch
     * (padded to {@link #MIN_FORWARD_ROWS} rows, so a row's outputs do not depend on its batch).
     *
     * @param member member index
     * @param inputs {@code rows × inputSize} encoded rows (extra trailing values are ignored)
     * @param rows number of rows
     * @return {@code rows × (2F+3)} raw outputs (mean deltas, log-SDs, logits)
     */
    public float[] forwardRaw(int member, float[] inputs, int rows) {
        checkMember(member);
        int width = encoding.inputSize();
        if (rows < 1 || inputs.length < rows * width) {
            throw new WorldModelException(WorldModelException.Code.INVALID_INPUT, "need " + rows + " rows of " + width
                    + " values, got " + inputs.length + " values; encode rows with WorldModel.encoding()");
        }
        int padded = Math.max(rows, MIN_FORWARD_ROWS);
        float[] x = inputs;
        if (padded > rows) {
            x = new float[padded * width];
            System.arraycopy(inputs, 0, x, 0, rows * width);
        }
        try (NDManager batch = manager.newSubManager()) {
            NDArray array = batch.create(FloatBuffer.wrap(x, 0, padded * width), new Shape(padded, width));
            NDList y = members.get(member).forward(parameters, new NDList(array), false);
            float[] out = y.singletonOrThrow().toFloatArray();
            return padded == rows ? out : java.util.Arrays.copyOf(out, rows * output.size());
        } catch (EngineException e) {
            throw new WorldModelException(WorldModelException.Code.ENGINE_FAILURE, "forward pass failed: " + e.getMessage(), e);
        }
    }

    /** One member's prediction for a batch of encoded rows (see {@link #forwardRaw}). */
    public Prediction predict(int member, float[] inputs, int rows) {
        Prediction p = allocate(rows);
        decode(forwardRaw(member, inputs, rows), inputs, 0, rows, p, 0);
        return p;
    }

    /**
     * A prediction where each row comes from its own member (e.g. drawn by {@link EnsembleSampler}):
     * one forward pass per member that appears, over all of that member's rows.
     *
     * @param memberOfRow member index of each row ({@code rows} entries)
     * @param inputs {@code rows × inputSize} encoded rows
     * @param rows number of rows
     */
    public Prediction predict(int[] memberOfRow, float[] inputs, int rows) {
        if (memberOfRow.length < rows) {
            throw new WorldModelException(WorldModelException.Code.INVALID_INPUT, rows + " rows but " + memberOfRow.length
                    + " member indices");
        }
        Prediction p = allocate(rows);
        int width = encoding.inputSize();
        for (int m = 0; m < members.size(); m++) {
            int[] selected = rowsOf(memberOfRow, rows, m);
            if (selected.length == 0) {
                continue;
            }
            float[] gathered = new float[selected.length * width];
            for (int i = 0; i < selected.length; i++) {
                System.arraycopy(inputs, selected[i] * width, gathered, i * width, width);
            }
            Prediction part = predict(m, gathered, selected.length);
            for (int i = 0; i < selected.length; i++) {
                copyRow(part, i, p, selected[i]);
            }
        }
        return p;
    }

    /** Every member's prediction for the same rows (epistemic uncertainty is their spread). */
    public List<Prediction> predictAll(float[] inputs, int rows) {
        List<Prediction> all = new ArrayList<>(members.size());
        for (int m = 0; m < members.size(); m++) {
            all.add(predict(m, inputs, rows));
        }
        return all;
    }

    @Override
    public void close() {
        manager.close();
    }

    private void decode(float[] raw, float[] inputs, int inputRow, int rows, Prediction p, int firstRow) {
        int f = output.featureCount();
        int outWidth = output.size();
        int inWidth = encoding.inputSize();
        int current = encoding.currentFeaturesOffset();
        for (int r = 0; r < rows; r++) {
            int o = r * outWidth;
            int in = (inputRow + r) * inWidth + current;
            int dst = (firstRow + r) * f;
            for (int k = 0; k < f; k++) {
                p.mean()[dst + k] = inputs[in + k] + raw[o + k];
                float logStd = Math.max(OutputLayout.MIN_LOG_STD, Math.min(OutputLayout.MAX_LOG_STD, raw[o + f + k]));
                p.std()[dst + k] = (float) Math.exp(logStd);
            }
            p.ventilation()[firstRow + r] = sigmoid(raw[o + output.ventilationIndex()]);
            p.end()[firstRow + r] = sigmoid(raw[o + output.endIndex()]);
            p.death()[firstRow + r] = sigmoid(raw[o + output.deathIndex()]);
        }
    }

    private Prediction allocate(int rows) {
        int f = output.featureCount();
        return new Prediction(rows, f, new float[rows * f], new float[rows * f], new float[rows], new float[rows],
                new float[rows]);
    }

    private static void copyRow(Prediction from, int i, Prediction to, int j) {
        int f = from.featureCount();
        System.arraycopy(from.mean(), i * f, to.mean(), j * f, f);
        System.arraycopy(from.std(), i * f, to.std(), j * f, f);
        to.ventilation()[j] = from.ventilation()[i];
        to.end()[j] = from.end()[i];
        to.death()[j] = from.death()[i];
    }

    private static int[] rowsOf(int[] memberOfRow, int rows, int member) {
        int n = 0;
        for (int r = 0; r < rows; r++) {
            n += memberOfRow[r] == member ? 1 : 0;
        }
        int[] selected = new int[n];
        for (int r = 0, i = 0; r < rows; r++) {
            if (memberOfRow[r] == member) {
                selected[i++] = r;
            }
        }
        return selected;
    }

    private void checkMember(int member) {
        if (member < 0 || member >= members.size()) {
            throw new WorldModelException(WorldModelException.Code.INVALID_INPUT, "member " + member + " outside 0.."
                    + (members.size() - 1));
        }
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    static NDManager newManager(String device) {
        DjlRuntime.ensureOffline();
        try {
            return NDManager.newBaseManager(Device.fromName(device));
        } catch (EngineException | IllegalArgumentException e) {
            throw new WorldModelException(WorldModelException.Code.ENGINE_FAILURE, "cannot start the PyTorch engine on device '"
                    + device + "' (" + e.getMessage() + "); use \"cpu\" or check the native PyTorch libraries", e);
        }
    }
}
