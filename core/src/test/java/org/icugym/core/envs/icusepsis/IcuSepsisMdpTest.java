package org.icugym.core.envs.icusepsis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exact values of the shipped ICU-Sepsis arrays against the benchmark's published ones. */
class IcuSepsisMdpTest {
    private static IcuSepsisData data;
    private static IcuSepsisMdp mdp;
    private static IcuSepsisMdp.Solution optimal;

    @BeforeAll
    static void load() {
        data = IcuSepsisData.load();
        mdp = new IcuSepsisMdp(data);
        optimal = mdp.valueIteration();
    }

    @Test
    void uniformRandomPolicyIsWorthTheSeventyEightPercentSurvivalRate() {
        double value = mdp.evaluate(data.uniformPolicy());
        assertThat(value).isCloseTo(0.780, within(0.0005)); // exact: 0.780071
        assertThat(value).isCloseTo(0.780, within(0.005));
        // published lengths are Monte-Carlo estimates (9.45, 9.22, 10.99); the exact ones are 9.462, 9.238, 10.99
        assertThat(mdp.expectedEpisodeLength(data.uniformPolicy())).isCloseTo(9.45, within(0.05));
    }

    @Test
    void expertPolicyMatchesThePublishedValue() {
        double value = mdp.evaluate(data.expertPolicy());
        assertThat(value).isCloseTo(0.782, within(0.0005)); // exact: 0.781845
        assertThat(value).isCloseTo(0.780, within(0.005));
        assertThat(mdp.expectedEpisodeLength(data.expertPolicy())).isCloseTo(9.22, within(0.05));
    }

    @Test
    void valueIterationReachesThePublishedOptimum() {
        assertThat(optimal.value()).isCloseTo(0.875, within(0.001)); // exact: 0.875142
        assertThat(mdp.evaluate(optimal.policy())).isCloseTo(optimal.value(), within(1e-9));
        assertThat(mdp.expectedEpisodeLength(optimal.policy())).isCloseTo(10.99, within(0.05));
        assertThat(optimal.stateValues()[IcuSepsisData.SURVIVAL]).isZero();
    }

    @Test
    void optimalValuesBoundEveryPolicysValues() {
        double[] best = optimal.stateValues();
        double[] random = mdp.stateValues(data.uniformPolicy());
        double[] expert = mdp.stateValues(data.expertPolicy());
        for (int s = 0; s < data.numStates(); s++) {
            assertThat(best[s]).isGreaterThanOrEqualTo(random[s] - 1e-9).isGreaterThanOrEqualTo(expert[s] - 1e-9)
                    .isLessThanOrEqualTo(1.0 + 1e-9);
        }
    }
}
