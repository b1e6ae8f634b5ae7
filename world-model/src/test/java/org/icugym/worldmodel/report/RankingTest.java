package org.icugym.worldmodel.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankingTest {
    @Test
    void averagePrecisionOfHandComputedRankings() {
        // scores descending: 0.9 (+), 0.8 (-), 0.7 (+), 0.1 (-): precision at the positives 1/1 and 2/3
        double[] scores = {0.1, 0.9, 0.7, 0.8};
        boolean[] labels = {false, true, true, false};
        assertThat(Ranking.averagePrecision(scores, labels)).isCloseTo((1 + 2.0 / 3) / 2, within(1e-12));
        assertThat(Ranking.averagePrecision(new double[] {1, 2}, new boolean[] {true, true})).isEqualTo(1.0);
        assertThat(Ranking.averagePrecision(new double[] {1, 2}, new boolean[] {false, false})).isNaN();
        // ties share a threshold: both rows at 0.5, one positive -> precision 1/2
        assertThat(Ranking.averagePrecision(new double[] {0.5, 0.5}, new boolean[] {true, false})).isEqualTo(0.5);
    }

    @Test
    void spearmanOfHandComputedRankings() {
        assertThat(Ranking.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40})).isCloseTo(1, within(1e-12));
        assertThat(Ranking.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isCloseTo(-1, within(1e-12));
        // ranks (1,2,3) vs (2,1,3): d = (1,1,0), rho = 1 - 6*2/(3*8) = 0.5
        assertThat(Ranking.spearman(new double[] {1, 2, 3}, new double[] {5, 4, 9})).isCloseTo(0.5, within(1e-12));
        assertThat(Ranking.ranks(new double[] {3, 1, 3})).containsExactly(2.5, 1, 2.5);
        assertThat(Ranking.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    }
}
