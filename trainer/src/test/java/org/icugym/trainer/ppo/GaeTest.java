package org.icugym.trainer.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** GAE on hand-computed cases (γ = 0.9, λ = 0.8, so γλ = 0.72). */
class GaeTest {
    private static final float[] REWARDS = {1, 0, 2};
    private static final float[] VALUES = {0.5f, 0.4f, 0.3f};
    private static final boolean[] NONE = {false, false, false};

    @Test
    void withoutEpisodeEndsBootstrapsFromTheLastValue() {
        Gae.Result r = Gae.compute(REWARDS, VALUES, NONE, NONE, new float[3], new float[] {1.0f}, 0.9, 0.8);
        // δ2 = 2 + 0.9*1.0 - 0.3 = 2.6; δ1 = 0.9*0.3 - 0.4 = -0.13; δ0 = 1 + 0.9*0.4 - 0.5 = 0.86
        assertThat(r.advantages()[2]).isCloseTo(2.6f, within(1e-5f));
        assertThat(r.advantages()[1]).isCloseTo(-0.13f + 0.72f * 2.6f, within(1e-5f));
        assertThat(r.advantages()[0]).isCloseTo(2.11424f, within(1e-5f));
        assertThat(r.returns()).containsExactly(new float[] {2.61424f, 2.142f, 2.9f}, within(1e-5f));
    }

    @Test
    void terminationBootstrapsFromZeroAndCutsTheChain() {
        boolean[] terminated = {false, true, false};
        Gae.Result r = Gae.compute(REWARDS, VALUES, terminated, NONE, new float[] {0, 99, 0}, new float[] {1.0f}, 0.9, 0.8);
        assertThat(r.advantages()).containsExactly(new float[] {0.572f, -0.4f, 2.6f}, within(1e-5f));
    }

    @Test
    void truncationBootstrapsFromTheFinalObservationsValueAndCutsTheChain() {
        boolean[] truncated = {false, true, false};
        Gae.Result r = Gae.compute(REWARDS, VALUES, NONE, truncated, new float[] {0, 5, 0}, new float[] {1.0f}, 0.9, 0.8);
        // δ1 = 0 + 0.9*5 - 0.4 = 4.1; A0 = 0.86 + 0.72*4.1
        assertThat(r.advantages()).containsExactly(new float[] {3.812f, 4.1f, 2.6f}, within(1e-5f));
    }

    @Test
    void environmentsAreIndependentInTimeMajorLayout() {
        float[] rewards = {1, 0, 0, 0, 2, 0};
        float[] values = {0.5f, 0, 0.4f, 0, 0.3f, 0};
        boolean[] none = new boolean[6];
        Gae.Result r = Gae.compute(rewards, values, none, none, new float[6], new float[] {1.0f, 0f}, 0.9, 0.8);
        assertThat(r.advantages()).containsExactly(new float[] {2.11424f, 0, 1.742f, 0, 2.6f, 0}, within(1e-5f));
    }

    @Test
    void rejectsMismatchedLengthsAndBadCoefficients() {
        assertThatThrownBy(() -> Gae.compute(REWARDS, new float[2], NONE, NONE, new float[3], new float[1], 0.9, 0.8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("T * numEnvs");
        assertThatThrownBy(() -> Gae.compute(REWARDS, VALUES, NONE, NONE, new float[3], new float[1], 1.5, 0.8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
    }

    @Test
    void explainedVariance() {
        float[] y = {1, 2, 3, 4};
        assertThat(Gae.explainedVariance(y, y)).isEqualTo(1.0);
        assertThat(Gae.explainedVariance(new float[4], y)).isCloseTo(0.0, within(1e-12));
        assertThat(Gae.explainedVariance(y, new float[] {2, 2, 2, 2})).isNaN();
    }
}
