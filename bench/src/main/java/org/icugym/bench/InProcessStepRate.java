package org.icugym.bench;

import java.util.Map;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.EnvFactory;
import org.icugym.core.env.VectorSession;
import org.icugym.core.envs.BuiltinEnvironments;

/** The raw step rate of an environment in this JVM: no gRPC, no actors, no mapping. */
final class InProcessStepRate {
    private InProcessStepRate() {}

    /** Environment steps per second of {@code numEnvs} environments of {@code envId} stepped in a loop. */
    static double measure(String envId, int numEnvs, double warmupSeconds, double seconds) {
        EnvFactory f = BuiltinEnvironments.registry().factory(envId);
        VectorSession s = new VectorSession(f.create(numEnvs, Map.of()), AutoresetMode.NEXT_STEP, 1L);
        s.reset(1L, null, null, Map.of());
        long[][] actions = {new long[numEnvs], new long[numEnvs]};
        java.util.Arrays.fill(actions[1], 1);
        run(s, actions, (long) (warmupSeconds * 1e9));
        long t0 = System.nanoTime();
        long n = run(s, actions, (long) (seconds * 1e9));
        return n * (double) numEnvs / ((System.nanoTime() - t0) / 1e9);
    }

    private static long run(VectorSession s, long[][] actions, long nanos) {
        long end = System.nanoTime() + nanos;
        long n = 0;
        while (System.nanoTime() < end) {
            for (int k = 0; k < 64; k++) {
                s.step(actions[(int) (n++ & 1)]);
            }
        }
        return n;
    }
}
