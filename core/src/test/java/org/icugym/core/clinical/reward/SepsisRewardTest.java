package org.icugym.core.clinical.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SepsisRewardTest {

    private static final double EPS = 1e-12;

    private static double shaped(int sofaBefore, double lacBefore, int sofaAfter, double lacAfter) {
        return SepsisReward.RAGHU.reward(new RewardState(sofaBefore, lacBefore), new RewardState(sofaAfter, lacAfter),
                Outcome.CONTINUING);
    }

    @Test
    void unchangedPositiveSofaCostsAPenalty() {
        assertThat(shaped(5, 2.0, 5, 2.0)).isCloseTo(-0.025, within(EPS));
        assertThat(shaped(0, 1.0, 0, 1.0)).isZero();
    }

    @Test
    void fallingSofaAndLactateAreRewarded() {
        // -0.125 * (4 - 6) - 2 * tanh(3 - 4) = 0.25 + 2 * tanh(1)
        assertThat(shaped(6, 4.0, 4, 3.0)).isCloseTo(0.25 + 2 * 0.7615941559557649, within(EPS));
        assertThat(shaped(6, 4.0, 4, 3.0)).isCloseTo(1.7731883119115298, within(1e-12));
    }

    @Test
    void risingSofaAndLactateArePenalised() {
        // -0.125 * 2 - 2 * tanh(2)
        assertThat(shaped(3, 1.5, 5, 3.5)).isCloseTo(-0.25 - 2 * 0.9640275800758169, within(EPS));
    }

    @Test
    void missingLactateDropsTheLactateTerm() {
        assertThat(shaped(3, Double.NaN, 4, 2.0)).isCloseTo(-0.125, within(EPS));
        assertThat(shaped(3, 2.0, 3, Double.NaN)).isCloseTo(-0.025, within(EPS));
    }

    @Test
    void terminalRewardReplacesShaping() {
        RewardState before = new RewardState(10, 6);
        RewardState after = new RewardState(14, 9);
        assertThat(SepsisReward.RAGHU.reward(before, after, Outcome.SURVIVED)).isEqualTo(15);
        assertThat(SepsisReward.RAGHU.reward(before, after, Outcome.DIED)).isEqualTo(-15);
    }

    @Test
    void terminalOnlyVariants() {
        RewardState before = new RewardState(10, 6);
        RewardState after = new RewardState(14, 9);
        assertThat(SepsisReward.TERMINAL_ONLY.reward(before, after, Outcome.CONTINUING)).isZero();
        assertThat(SepsisReward.TERMINAL_ONLY.reward(before, after, Outcome.DIED)).isEqualTo(-15);
        assertThat(SepsisReward.TERMINAL_100.reward(before, after, Outcome.CONTINUING)).isZero();
        assertThat(SepsisReward.TERMINAL_100.reward(before, after, Outcome.SURVIVED)).isEqualTo(100);
        assertThat(SepsisReward.TERMINAL_100.reward(before, after, Outcome.DIED)).isEqualTo(-100);
    }

    @Test
    void rangesAndValidation() {
        assertThat(RaghuShaping.MIN).isCloseTo(-5.0, within(EPS));
        assertThat(RaghuShaping.MAX).isCloseTo(5.0, within(EPS));
        assertThat(SepsisReward.RAGHU.minReward()).isEqualTo(-15);
        assertThat(SepsisReward.RAGHU.maxReward()).isEqualTo(15);
        assertThat(new SepsisReward(true, 1).minReward()).isCloseTo(-5.0, within(EPS));
        assertThat(shaped(0, 0.5, 24, 20)).isGreaterThanOrEqualTo(RaghuShaping.MIN);
        assertThatThrownBy(() -> new SepsisReward(true, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RewardState(25, 1)).hasMessageContaining("SOFA");
    }
}
