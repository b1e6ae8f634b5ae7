package org.icugym.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.icugym.proto.v1.DType;
import org.icugym.proto.v1.Tensor;
import org.junit.jupiter.api.Test;

class TensorCodecTest {
    private static ByteBuffer le(Tensor t) {
        return t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void float32IsLittleEndianRowMajorWithTheShape() {
        Tensor t = TensorCodec.float32(new float[] {1.5f, -2f, 3f, 4f}, 2, 2);
        assertThat(t.getDtype()).isEqualTo(DType.DTYPE_FLOAT32);
        assertThat(t.getShapeList()).containsExactly(2L, 2L);
        assertThat(t.getData().size()).isEqualTo(16);
        assertThat(le(t).getFloat(4)).isEqualTo(-2f);
    }

    @Test
    void int64Float64AndBools() {
        Tensor i = TensorCodec.int64(new long[] {7, -1}, 2);
        assertThat(i.getDtype()).isEqualTo(DType.DTYPE_INT64);
        assertThat(le(i).getLong(8)).isEqualTo(-1L);
        Tensor d = TensorCodec.float64(new double[] {0.25}, 1);
        assertThat(d.getDtype()).isEqualTo(DType.DTYPE_FLOAT64);
        assertThat(le(d).getDouble(0)).isEqualTo(0.25);
        Tensor b = TensorCodec.bools(new boolean[] {true, false, true}, 3);
        assertThat(b.getDtype()).isEqualTo(DType.DTYPE_BOOL);
        assertThat(b.getData().toByteArray()).containsExactly(1, 0, 1);
        assertThat(b.getShapeList()).containsExactly(3L);
    }
}
