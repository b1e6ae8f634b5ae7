package org.icugym.trainer.rollout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.icugym.proto.v1.EnvSpec;
import org.icugym.proto.v1.Space;
import org.icugym.proto.v1.Tensor;

/**
 * Turns the server's observation tensors into network inputs: Box observations as float32 rows,
 * Discrete observations one-hot; and reads reward and flag tensors.
 */
public final class ObservationCodec {
    private final int width;
    private final long discreteN;
    private final long discreteStart;

    private ObservationCodec(int width, long discreteN, long discreteStart) {
        this.width = width;
        this.discreteN = discreteN;
        this.discreteStart = discreteStart;
    }

    /**
     * The codec for {@code spec}'s observation space.
     *
     * @throws RolloutException if the space is neither Box nor Discrete
     */
    public static ObservationCodec of(EnvSpec spec) {
        Space s = spec.getObservationSpace();
        if (s.hasBox()) {
            long w = 1;
            for (long d : s.getBox().getShapeList()) {
                w *= d;
            }
            return new ObservationCodec((int) w, 0, 0);
        }
        if (s.hasDiscrete()) {
            return new ObservationCodec((int) s.getDiscrete().getN(), s.getDiscrete().getN(), s.getDiscrete().getStart());
        }
        throw new RolloutException("environment " + spec.getId() + " has an observation space the trainer cannot encode ("
                + s.getKindCase() + "); it supports Box and Discrete observations");
    }

    /** The number of discrete actions of {@code spec}. */
    public static int numActions(EnvSpec spec) {
        if (!spec.getActionSpace().hasDiscrete()) {
            throw new RolloutException("environment " + spec.getId() + " does not have Discrete actions ("
                    + spec.getActionSpace().getKindCase() + "); PPO here trains Discrete policies");
        }
        return (int) spec.getActionSpace().getDiscrete().getN();
    }

    /** Width of one encoded observation. */
    public int width() {
        return width;
    }

    /** Writes the encoded observations of {@code t} ({@code n} rows) into {@code out} from {@code offset}. */
    public void encode(Tensor t, int n, float[] out, int offset) {
        ByteBuffer buf = t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (discreteN == 0) {
            buf.asFloatBuffer().get(out, offset, n * width);
            return;
        }
        java.util.Arrays.fill(out, offset, offset + n * width, 0f);
        for (int i = 0; i < n; i++) {
            long v = buf.getLong(i * 8) - discreteStart;
            out[offset + i * width + (int) v] = 1f;
        }
    }

    /** Float32 values of {@code t}. */
    public static float[] floats(Tensor t) {
        ByteBuffer buf = t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[t.getData().size() / 4];
        buf.asFloatBuffer().get(out);
        return out;
    }

    /** Bool values of {@code t} ({@code n} entries; an empty tensor reads as all false). */
    public static boolean[] bools(Tensor t, int n) {
        boolean[] out = new boolean[n];
        for (int i = 0; i < Math.min(n, t.getData().size()); i++) {
            out[i] = t.getData().byteAt(i) != 0;
        }
        return out;
    }
}
