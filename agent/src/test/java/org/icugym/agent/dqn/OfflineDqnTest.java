package org.icugym.agent.dqn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icugym.agent.PolicyException;
import org.icugym.agent.PolicyWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineDqnTest {
    // s0 = (1, 0), s1 = (0, 1), end = (0, 0)
    // s0 --a0, r 0--> s1 --any, r 10--> end;  s0 --a1, r 5--> end
    // Q(s1, .) = 10, Q(s0, a0) = 0.99 * 10 = 9.9 > Q(s0, a1) = 5: the greedy policy waits for the larger reward
    private static OfflineTransitions chain() {
        float[][] s = {{1, 0}, {0, 1}, {0, 1}, {1, 0}};
        float[][] n = {{0, 1}, {0, 0}, {0, 0}, {0, 0}};
        int[] a = {0, 0, 1, 1};
        float[] r = {0, 10, 10, 5};
        boolean[] end = {false, true, true, true};
        return new OfflineTransitions(2, flat(s), a, r, flat(n), end);
    }

    private static DqnSettings tiny(long seed) {
        return new DqnSettings(new int[] {16}, 2, 0.99, 0.01, 16, 1500, 50, 15, 5, 10, seed);
    }

    @Test
    void learnsTheDoubleDqnValuesOfATwoStepChainAndActsGreedily() {
        List<OfflineDqn.Progress> reports = new ArrayList<>();
        OfflineDqn.Result result = OfflineDqn.train(chain(), tiny(1), reports::add);
        assertThat(reports).hasSize(50);
        assertThat(reports.get(49).step()).isEqualTo(1500);
        assertThat(result.finalLoss()).isLessThan(0.05);
        assertThat(result.weights().kind()).isEqualTo(DuelingDqn.KIND);
        try (DqnPolicy policy = DqnPolicy.load(result.weights())) {
            float[] q = policy.qValues(new float[] {1, 0, 0, 1}, 2);
            assertThat((double) q[0]).isCloseTo(9.9, within(0.3));
            assertThat((double) q[1]).isCloseTo(5, within(0.3));
            assertThat((double) q[2]).isCloseTo(10, within(0.3));
            assertThat((double) q[3]).isCloseTo(10, within(0.3));
            assertThat(policy.greedy(new float[] {1, 0}, 1)).containsExactly(0);
        }
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndTheyRoundTripThroughAFile(@TempDir Path dir) {
        DqnSettings settings = new DqnSettings(new int[] {8}, 2, 0.9, 0.01, 4, 60, 20, 15, 5, 10, 7);
        PolicyWeights first = OfflineDqn.train(chain(), settings, p -> { }).weights();
        PolicyWeights second = OfflineDqn.train(chain(), settings, p -> { }).weights();
        assertThat(second).isEqualTo(first);
        PolicyWeights other = OfflineDqn.train(chain(), new DqnSettings(new int[] {8}, 2, 0.9, 0.01, 4, 60, 20, 15, 5,
                10, 8), p -> { }).weights();
        assertThat(other).isNotEqualTo(first);
        Path file = dir.resolve("dqn.policy");
        first.write(file);
        try (DqnPolicy loaded = DqnPolicy.load(PolicyWeights.read(file))) {
            assertThat(loaded.weights()).isEqualTo(first);
        }
    }

    @Test
    void badInputsFailClearly() {
        assertThatThrownBy(() -> new OfflineTransitions(2, new float[3], new int[2], new float[2], new float[4],
                new boolean[2])).isInstanceOf(PolicyException.class).hasMessageContaining("state values");
        assertThatThrownBy(() -> new OfflineTransitions(1, new float[] {Float.NaN}, new int[1], new float[1],
                new float[1], new boolean[1])).hasMessageContaining("impute");
        OfflineTransitions badAction = new OfflineTransitions(1, new float[1], new int[] {3}, new float[1],
                new float[1], new boolean[] {true});
        assertThatThrownBy(() -> OfflineDqn.train(badAction, tiny(1), p -> { })).isInstanceOf(PolicyException.class)
                .hasMessageContaining("outside [0, 2)");
        assertThatThrownBy(() -> new DqnSettings(new int[0], 2, 0.99, 1e-3, 8, 10, 5, 15, 5, 10, 1))
                .hasMessageContaining("hidden");
        assertThatThrownBy(() -> new DqnSettings(new int[] {4}, 2, 1.5, 1e-3, 8, 10, 5, 15, 5, 10, 1))
                .hasMessageContaining("gamma");
        PolicyWeights notDqn = new PolicyWeights("mlp-actor-critic", 2, 2, new int[] {4}, new byte[0]);
        assertThatThrownBy(() -> DqnPolicy.load(notDqn)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("not a dueling-dqn");
        try (DqnPolicy p = DqnPolicy.load(OfflineDqn.train(chain(), tiny(1).withSteps(1), q -> { }).weights())) {
            assertThatThrownBy(() -> p.qValues(new float[3], 2)).isInstanceOf(PolicyException.class)
                    .hasMessageContaining("2 rows of 2");
        }
    }

    private static float[] flat(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[i].length, rows[i].length);
        }
        return out;
    }
}
