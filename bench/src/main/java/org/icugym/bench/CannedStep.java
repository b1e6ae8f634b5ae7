package org.icugym.bench;

import com.google.protobuf.ByteString;
import java.util.concurrent.ConcurrentHashMap;
import org.icugym.proto.v1.DType;
import org.icugym.proto.v1.StepResponse;
import org.icugym.proto.v1.Tensor;

/**
 * Canned step responses of the same size as CartPole-v1's (4 float32 observations, a float32
 * reward and two bool flags per environment), cached per environment count.
 */
final class CannedStep {
    static final int OBS_DIM = 4;
    private static final ConcurrentHashMap<Integer, StepResponse> CACHE = new ConcurrentHashMap<>();

    private CannedStep() {}

    /** The canned response for {@code numEnvs} environments. */
    static StepResponse forEnvs(int numEnvs) {
        return CACHE.computeIfAbsent(numEnvs, CannedStep::build);
    }

    private static StepResponse build(int n) {
        return StepResponse.newBuilder()
                .setObservations(tensor(DType.DTYPE_FLOAT32, new byte[n * OBS_DIM * 4], n, OBS_DIM))
                .setRewards(tensor(DType.DTYPE_FLOAT32, new byte[n * 4], n))
                .setTerminated(tensor(DType.DTYPE_BOOL, new byte[n], n))
                .setTruncated(tensor(DType.DTYPE_BOOL, new byte[n], n))
                .build();
    }

    private static Tensor tensor(DType dtype, byte[] data, long... shape) {
        Tensor.Builder b = Tensor.newBuilder().setDtype(dtype).setData(ByteString.copyFrom(data));
        for (long s : shape) {
            b.addShape(s);
        }
        return b.build();
    }
}
