package org.icugym.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.icugym.agent.mlp.MlpActorCritic;
import org.icugym.core.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoliciesTest {
    private static final int OBS = 4;
    private static final int ACTIONS = 3;

    @Test
    void mlpWeightsRoundTripThroughAFileAndActConsistently(@TempDir Path dir) {
        PolicyWeights w = MlpActorCritic.initialWeights(OBS, ACTIONS, new int[] {8, 8}, 7);
        Path file = dir.resolve("ppo.policy");
        w.write(file);
        PolicyWeights back = PolicyWeights.read(file);
        assertThat(back).isEqualTo(w);
        float[] obs = {0.1f, -0.2f, 0.3f, 1f, 2f, 0f, -1f, 0.5f};
        boolean[] det = {true, true};
        try (Policy a = Policies.open(w, "cpu"); Policy b = Policies.open(back, "cpu")) {
            PolicyOutput x = a.act(obs, 2, det, new Rng(1));
            PolicyOutput y = b.act(obs, 2, det, new Rng(1));
            assertThat(x.actions()).containsExactly(y.actions());
            assertThat(x.values()).containsExactly(y.values());
            for (int r = 0; r < 2; r++) {
                float sum = 0;
                for (int k = 0; k < ACTIONS; k++) {
                    sum += x.probs()[r * ACTIONS + k];
                }
                assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
                assertThat(Math.exp(x.logProbs()[r])).isCloseTo(x.probs()[r * ACTIONS + (int) x.actions()[r]],
                        org.assertj.core.data.Offset.offset(1e-5));
            }
            // one row alone gives the same answer as inside a batch
            PolicyOutput single = a.act(new float[] {2f, 0f, -1f, 0.5f}, 1, new boolean[] {true}, new Rng(1));
            assertThat(single.values()[0]).isCloseTo(x.values()[1], org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void baselinesActAsDocumented() {
        PolicyOutput none = Policies.open(Policies.baseline("no-treatment", OBS, 25), "cpu")
                .act(new float[OBS * 2], 2, new boolean[2], new Rng(3));
        assertThat(none.actions()).containsOnly(0L);
        assertThat(none.logProbs()).containsOnly(0f);
        PolicyOutput random = Policies.open(Policies.baseline("random", OBS, 25), "cpu")
                .act(new float[OBS * 500], 500, new boolean[500], new Rng(3));
        assertThat(java.util.Arrays.stream(random.actions()).allMatch(a -> a >= 0 && a < 25)).isTrue();
        assertThat(java.util.Arrays.stream(random.actions()).distinct().count()).isGreaterThan(20);
        assertThat(random.probs()[0]).isEqualTo(1f / 25);
    }

    @Test
    void badFilesAndDevicesFailWithTypedErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> PolicyWeights.read(dir.resolve("missing.policy")))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.code()).isEqualTo(PolicyException.Code.NOT_FOUND));
        assertThatThrownBy(() -> PolicyWeights.fromBytes(new byte[] {1, 2, 3}))
                .isInstanceOfSatisfying(PolicyException.class,
                        e -> assertThat(e.code()).isEqualTo(PolicyException.Code.INVALID_WEIGHTS));
        assertThatThrownBy(() -> Policies.device("tpu:0")).hasMessageContaining("use \"cpu\" or \"cuda:N\"");
        assertThatThrownBy(() -> Policies.device("cuda:99"))
                .isInstanceOfSatisfying(PolicyException.class,
                        e -> assertThat(e.code()).isEqualTo(PolicyException.Code.DEVICE_UNAVAILABLE))
                .hasMessageContaining("does not exist");
    }
}
