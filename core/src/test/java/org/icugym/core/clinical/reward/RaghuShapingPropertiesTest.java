package org.icugym.core.clinical.reward;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class RaghuShapingPropertiesTest {

    @Property(tries = 300)
    void shapingStaysWithinItsRange(@ForAll @IntRange(min = 0, max = 24) int sofaBefore,
            @ForAll @IntRange(min = 0, max = 24) int sofaAfter,
            @ForAll @DoubleRange(min = 0.1, max = 30) double lactateBefore,
            @ForAll @DoubleRange(min = 0.1, max = 30) double lactateAfter) {
        double r = RaghuShaping.of(new RewardState(sofaBefore, lactateBefore), new RewardState(sofaAfter, lactateAfter));
        assertThat(r).isBetween(RaghuShaping.MIN, RaghuShaping.MAX);
        assertThat(SepsisReward.RAGHU.reward(new RewardState(sofaBefore, lactateBefore),
                new RewardState(sofaAfter, lactateAfter), Outcome.CONTINUING)).isBetween(
                SepsisReward.RAGHU.minReward(), SepsisReward.RAGHU.maxReward());
    }
}
