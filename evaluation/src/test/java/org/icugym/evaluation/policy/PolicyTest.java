package org.icugym.evaluation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.icugym.evaluation.data.InvalidDatasetException;
import org.junit.jupiter.api.Test;

class PolicyTest {
    @Test
    void softeningMixesWithTheUniformPolicyAndSaysSo() {
        TabularPolicy greedy = TabularPolicy.deterministic("optimal", new int[] {1, 0}, 4);
        SoftenedPolicy soft = new SoftenedPolicy(greedy, 0.2);
        assertThat(soft.probabilities(0)).containsExactly(new double[] {0.05, 0.85, 0.05, 0.05}, within(1e-12));
        assertThat(greedy.probabilities(0)).containsExactly(0, 1, 0, 0); // the base is untouched
        assertThat(soft.name()).isEqualTo("optimal (softened 0.2)");
        double[][] m = SoftenedPolicy.soften(new double[][] {{0, 1, 0, 0}, {0, 0, 0, 0}}, 0.2);
        assertThat(m[0][1]).isCloseTo(0.85, within(1e-12));
        assertThat(m[1]).containsOnly(0.0); // terminal rows stay empty
    }

    @Test
    void rejectsRowsThatAreNotDistributions() {
        assertThatThrownBy(() -> new TabularPolicy("p", new double[][] {{0.5, 0.6}}))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("sums to 1.1");
        assertThatThrownBy(() -> new SoftenedPolicy(TabularPolicy.uniform(1, 2), 1.5))
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> TabularPolicy.uniform(2, 2).probabilities(5)).hasMessageContaining("state 5");
    }
}
