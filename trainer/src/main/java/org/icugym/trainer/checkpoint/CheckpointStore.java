package org.icugym.trainer.checkpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.icugym.trainer.ppo.Adam;

/**
 * Checkpoints of a run in {@code RUN/checkpoints/update-NNNNNNNN/}: {@code state.json} (counters
 * and hyperparameters, readable), {@code weights.params} (DJL parameters) and {@code optimizer.bin}
 * (Adam's moments). A checkpoint is written into a temporary folder, every file and the folder are
 * fsynced, and the folder is renamed into place, so a crash leaves either the whole checkpoint or
 * none; {@link #latest} ignores unfinished ones.
 */
public final class CheckpointStore {
    /** Folder of the checkpoints inside a run folder. */
    public static final String FOLDER = "checkpoints";
    private static final int FORMAT = 1;
    private static final Pattern NAME = Pattern.compile("update-(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointStore() {
    }

    /** Saves {@code state} into {@code runDir}, keeping the 3 newest checkpoints; returns its folder. */
    public static Path save(Path runDir, Checkpoint state) {
        return save(runDir, state, 3);
    }

    /**
     * Saves {@code state} atomically into {@code runDir/checkpoints/update-NNNNNNNN} and deletes all
     * but the {@code keep} newest checkpoints; returns the new checkpoint's folder.
     *
     * @throws CheckpointException if it cannot be written (the previous checkpoints stay)
     */
    public static Path save(Path runDir, Checkpoint state, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        }
        Path root = runDir.resolve(FOLDER);
        Path target = root.resolve(String.format("update-%08d", state.update()));
        Path tmp = root.resolve(".tmp-" + target.getFileName() + "-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(root);
            deleteTree(tmp);
            Files.createDirectory(tmp);
            writeSynced(tmp.resolve("state.json"), JSON.writeValueAsBytes(stateJson(state)));
            writeSynced(tmp.resolve("weights.params"), state.weights());
            try (OutputStream raw = Files.newOutputStream(tmp.resolve("optimizer.bin"));
                    DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw))) {
                writeOptimizer(out, state.optimizer());
            }
            fsync(tmp.resolve("optimizer.bin"), false);
            fsync(tmp, true);
            deleteTree(target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new CheckpointException("the file system of " + root + " cannot rename atomically; write the run"
                        + " onto a local file system", e);
            }
            fsync(root, true);
            prune(root, keep);
            return target;
        } catch (IOException e) {
            throw new CheckpointException("cannot write checkpoint " + target + ": " + e.getMessage()
                    + "; check free space and permissions of " + root, e);
        }
    }

    /** The newest complete checkpoint folder of {@code runDir}, if any. */
    public static Optional<Path> latest(Path runDir) {
        return list(runDir).stream().reduce((a, b) -> b);
    }

    /** The newest complete checkpoint of {@code runDir}, loaded, if any. */
    public static Optional<Checkpoint> loadLatest(Path runDir) {
        return latest(runDir).map(CheckpointStore::load);
    }

    /** Every complete checkpoint folder of {@code runDir}, oldest first. */
    public static List<Path> list(Path runDir) {
        Path root = runDir.resolve(FOLDER);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve("state.json")))
                    .sorted(Comparator.comparingLong(CheckpointStore::updateOf)).toList();
        } catch (IOException e) {
            throw new CheckpointException("cannot list checkpoints in " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads the checkpoint in folder {@code dir}.
     *
     * @throws CheckpointException if a file is missing or damaged (the message names it)
     */
    public static Checkpoint load(Path dir) {
        try {
            Map<String, Object> s = JSON.readValue(dir.resolve("state.json").toFile(), new TypeReference<>() { });
            Object format = s.get("format");
            if (!(format instanceof Number n) || n.intValue() != FORMAT) {
                throw new CheckpointException(dir + "/state.json has format " + format + "; this version reads format "
                        + FORMAT);
            }
            byte[] weights = Files.readAllBytes(dir.resolve("weights.params"));
            Adam.State optimizer;
            try (InputStream raw = Files.newInputStream(dir.resolve("optimizer.bin"));
                    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
                optimizer = readOptimizer(in);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> hp = (Map<String, Object>) s.getOrDefault("hyperparameters", Map.of());
            return new Checkpoint(number(s, "update").longValue(), number(s, "global_step").longValue(),
                    number(s, "policy_version").longValue(), number(s, "rejected").intValue(),
                    number(s, "metrics_bytes").longValue(), number(s, "elapsed_seconds").doubleValue(), weights,
                    optimizer, hp);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + dir + " is missing " + e.getFile()
                    + "; resume from another checkpoint or start a new run", e);
        } catch (EOFException e) {
            throw new CheckpointException("checkpoint " + dir + "/optimizer.bin is truncated; resume from another"
                    + " checkpoint", e);
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new CheckpointException("checkpoint " + dir + " is damaged: " + e.getMessage()
                    + "; resume from another checkpoint", e);
        }
    }

    private static Map<String, Object> stateJson(Checkpoint c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("update", c.update());
        m.put("global_step", c.globalStep());
        m.put("policy_version", c.policyVersion());
        m.put("rejected", c.rejected());
        m.put("metrics_bytes", c.metricsBytes());
        m.put("elapsed_seconds", c.elapsedSeconds());
        m.put("adam_step", c.optimizer().step());
        m.put("hyperparameters", c.hyperparameters());
        return m;
    }

    private static Number number(Map<String, Object> s, String key) {
        if (!(s.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("state.json has no number '" + key + "'");
        }
        return n;
    }

    private static void writeOptimizer(DataOutputStream out, Adam.State s) throws IOException {
        out.writeLong(s.step());
        out.writeInt(s.firstMoments().length);
        for (int i = 0; i < s.firstMoments().length; i++) {
            writeFloats(out, s.firstMoments()[i]);
            writeFloats(out, s.secondMoments()[i]);
        }
        out.flush();
    }

    private static Adam.State readOptimizer(DataInputStream in) throws IOException {
        long step = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new IOException("optimizer.bin claims " + n + " parameters");
        }
        float[][] m = new float[n][];
        float[][] v = new float[n][];
        for (int i = 0; i < n; i++) {
            m[i] = readFloats(in);
            v[i] = readFloats(in);
        }
        return new Adam.State(step, m, v);
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float f : a) {
            out.writeFloat(f);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 28) {
            throw new IOException("optimizer.bin claims an array of " + n + " values");
        }
        float[] a = new float[n];
        for (int k = 0; k < n; k++) {
            a[k] = in.readFloat();
        }
        return a;
    }

    private static void writeSynced(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        fsync(file, false);
    }

    private static void fsync(Path path, boolean directory) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw e; // some platforms cannot open folders for syncing; files must sync
            }
        }
    }

    private static void prune(Path root, int keep) throws IOException {
        List<Path> all = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
            for (Path p : s) {
                if (NAME.matcher(p.getFileName().toString()).matches()) {
                    all.add(p);
                }
            }
        }
        all.sort(Comparator.comparingLong(CheckpointStore::updateOf));
        for (int i = 0; i < all.size() - keep; i++) {
            deleteTree(all.get(i));
        }
    }

    private static long updateOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
