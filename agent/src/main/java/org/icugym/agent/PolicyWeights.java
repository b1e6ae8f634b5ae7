package org.icugym.agent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * The contents of a policy weights file: what kind of policy, its input and output sizes, the
 * architecture (hidden layer widths) and the parameters (DJL's parameter encoding; empty for
 * baselines). The served version is not stored: the model registry numbers versions as it loads.
 *
 * <p>File layout (big-endian): the magic {@code "ICUGYM-POLICY"}, format version 1, kind (UTF),
 * observation size, number of actions, hidden-layer count and widths, parameter byte count and
 * bytes. Files are written to a temporary file and moved into place, so a reader never sees a
 * half-written file.
 *
 * @param kind policy kind, see {@link Policies}
 * @param observationSize length of one observation row (>= 1)
 * @param numActions number of discrete actions (>= 1)
 * @param hidden widths of the hidden layers (MLP only; empty for baselines)
 * @param parameters the network parameters (empty for baselines)
 */
public record PolicyWeights(String kind, int observationSize, int numActions, int[] hidden, byte[] parameters) {
    private static final String MAGIC = "ICUGYM-POLICY";
    private static final int FORMAT = 1;

    /** Validates sizes. */
    public PolicyWeights {
        if (observationSize < 1 || numActions < 1) {
            throw new PolicyException(PolicyException.Code.INVALID_WEIGHTS, "observation size " + observationSize
                    + " and action count " + numActions + " must both be >= 1");
        }
        hidden = hidden.clone();
        parameters = parameters.clone();
    }

    /** The file's bytes. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(kind);
            out.writeInt(observationSize);
            out.writeInt(numActions);
            out.writeInt(hidden.length);
            for (int h : hidden) {
                out.writeInt(h);
            }
            out.writeInt(parameters.length);
            out.write(parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Parses the bytes of a weights file. */
    public static PolicyWeights fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw invalid("it does not start with " + MAGIC);
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw invalid("format version " + format + " is not supported (this build reads " + FORMAT + ")");
            }
            String kind = in.readUTF();
            int obs = in.readInt();
            int actions = in.readInt();
            int layers = in.readInt();
            if (layers < 0 || layers > 64) {
                throw invalid("it declares " + layers + " hidden layers");
            }
            int[] hidden = new int[layers];
            for (int i = 0; i < layers; i++) {
                hidden[i] = in.readInt();
            }
            int n = in.readInt();
            if (n < 0 || n > in.available()) {
                throw invalid("it declares " + n + " parameter bytes but holds " + in.available());
            }
            return new PolicyWeights(kind, obs, actions, hidden, in.readNBytes(n));
        } catch (IOException e) {
            throw invalid("it is truncated (" + e.getMessage() + ")");
        }
    }

    /** Reads a weights file. */
    public static PolicyWeights read(Path file) {
        try {
            return fromBytes(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new PolicyException(PolicyException.Code.NOT_FOUND, "policy weights file " + file
                    + " does not exist: pass the path of a file written by the trainer or PolicyWeights.write");
        } catch (IOException e) {
            throw new PolicyException(PolicyException.Code.NOT_FOUND, "cannot read policy weights file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes this file atomically (temporary file, then move). */
    public void write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, toBytes());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write policy weights to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public byte[] parameters() {
        return parameters.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyWeights w && kind.equals(w.kind) && observationSize == w.observationSize
                && numActions == w.numActions && Arrays.equals(hidden, w.hidden) && Arrays.equals(parameters, w.parameters);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + observationSize) * 31 + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return kind + "[obs=" + observationSize + ", actions=" + numActions + ", hidden=" + Arrays.toString(hidden)
                + ", " + parameters.length + " parameter bytes]";
    }

    private static PolicyException invalid(String why) {
        return new PolicyException(PolicyException.Code.INVALID_WEIGHTS, "not a policy weights file: " + why
                + "; write it with PolicyWeights.write (or the trainer's checkpoint export)");
    }
}
