package org.icugym.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.icugym.proto.v1.DType;
import org.icugym.proto.v1.Tensor;

/**
 * Encodes arrays as {@code icugym.v1.Tensor}s: little-endian, row-major, wrapped without a second
 * copy ({@link UnsafeByteOperations#unsafeWrap}). The caller gives the shape; its product must be
 * the number of values.
 */
public final class TensorCodec {
    private TensorCodec() {}

    /** A DTYPE_FLOAT32 tensor of {@code shape}. */
    public static Tensor float32(float[] values, long... shape) {
        return withShape(Tensor.newBuilder().setDtype(DType.DTYPE_FLOAT32).setData(floatBytes(values)), shape);
    }

    /** A DTYPE_FLOAT64 tensor of {@code shape}. */
    public static Tensor float64(double[] values, long... shape) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(values);
        return withShape(Tensor.newBuilder().setDtype(DType.DTYPE_FLOAT64)
                .setData(UnsafeByteOperations.unsafeWrap(buf.array())), shape);
    }

    /** A DTYPE_INT64 tensor of {@code shape}. */
    public static Tensor int64(long[] values, long... shape) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        return withShape(Tensor.newBuilder().setDtype(DType.DTYPE_INT64)
                .setData(UnsafeByteOperations.unsafeWrap(buf.array())), shape);
    }

    /** A DTYPE_BOOL tensor (one byte per value, 0 or 1) of {@code shape}. */
    public static Tensor bools(boolean[] values, long... shape) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) (values[i] ? 1 : 0);
        }
        return withShape(Tensor.newBuilder().setDtype(DType.DTYPE_BOOL).setData(UnsafeByteOperations.unsafeWrap(bytes)),
                shape);
    }

    /** The little-endian float32 bytes of {@code values}. */
    public static ByteString floatBytes(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return UnsafeByteOperations.unsafeWrap(buf.array());
    }

    private static Tensor withShape(Tensor.Builder t, long[] shape) {
        for (long s : shape) {
            t.addShape(s);
        }
        return t.build();
    }
}
