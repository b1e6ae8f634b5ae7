package org.icugym.envserver;

/** A test environment {@code Failing-v0} whose step throws (a bug) when any action is 1. */
final class FailingEnvFactory extends CounterEnvFactory {
    FailingEnvFactory() {
        super("Failing-v0", "a counter that breaks on action 1");
    }

    @Override
    void step(int numEnvs, int[] actions, float[] obs, float[] rewards) {
        for (int i = 0; i < numEnvs; i++) {
            if (actions[i] == 1) {
                throw new IllegalStateException("broken on purpose");
            }
            obs[i] += 1;
        }
    }
}
