package org.icugym.envserver.testing;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.icugym.proto.v1.DType;
import org.icugym.proto.v1.Tensor;

/** Reads and writes {@link Tensor}s (little-endian, row-major) in tests and clients. */
public final class Tensors {
    private Tensors() {}

    /** Every value as a double, whatever the dtype. */
    public static double[] values(Tensor t) {
        ByteBuffer b = t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int size = switch (t.getDtype()) {
            case DTYPE_FLOAT32, DTYPE_INT32 -> 4;
            case DTYPE_FLOAT64, DTYPE_INT64 -> 8;
            case DTYPE_BOOL, DTYPE_UINT8 -> 1;
            default -> throw new IllegalArgumentException("dtype " + t.getDtype());
        };
        double[] out = new double[t.getData().size() / size];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (t.getDtype()) {
                case DTYPE_FLOAT32 -> b.getFloat(i * 4);
                case DTYPE_INT32 -> b.getInt(i * 4);
                case DTYPE_FLOAT64 -> b.getDouble(i * 8);
                case DTYPE_INT64 -> b.getLong(i * 8);
                default -> b.get(i) & 0xff;
            };
        }
        return out;
    }

    /** A DTYPE_BOOL tensor as booleans. */
    public static boolean[] bools(Tensor t) {
        double[] v = values(t);
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] != 0;
        }
        return out;
    }

    /** A DTYPE_INT64 tensor of shape [n]. */
    public static Tensor int64(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return Tensor.newBuilder().setDtype(DType.DTYPE_INT64).addShape(values.length)
                .setData(ByteString.copyFrom(b.array())).build();
    }

    /** A DTYPE_FLOAT32 tensor of shape [n]. */
    public static Tensor float32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return Tensor.newBuilder().setDtype(DType.DTYPE_FLOAT32).addShape(values.length)
                .setData(ByteString.copyFrom(b.array())).build();
    }
}
