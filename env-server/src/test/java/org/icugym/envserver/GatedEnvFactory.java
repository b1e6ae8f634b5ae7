package org.icugym.envserver;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.icugym.core.env.VectorEnv;

/**
 * A test environment {@code Gated-v0} whose step signals {@link #stepping} and then waits until
 * {@link #release} opens, so a test can hold a request in flight deterministically.
 */
final class GatedEnvFactory extends CounterEnvFactory {
    final CountDownLatch stepping = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    GatedEnvFactory() {
        super("Gated-v0", "one counter whose step waits for the test");
    }

    @Override
    public VectorEnv create(int numEnvs, Map<String, String> options) {
        checkOptionNames(options);
        return super.create(numEnvs, options);
    }

    @Override
    void step(int numEnvs, int[] actions, float[] obs, float[] rewards) {
        stepping.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < numEnvs; i++) {
            obs[i] += 1;
            rewards[i] = 1;
        }
    }
}
