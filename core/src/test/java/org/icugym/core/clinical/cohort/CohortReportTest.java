package org.icugym.core.clinical.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.junit.jupiter.api.Test;

class CohortReportTest {

    @Test
    void aGeneratedCohortMeetsEveryMimicTarget() {
        CohortStatistics stats = new CohortStatistics();
        CohortGenerator.DEFAULT.generate(2000, 0).forEach(stats::add);
        CohortReport report = new CohortReport("seed 0", stats);
        assertThat(report.checks()).hasSize(2 * 14 + 4).allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue());
        String md = report.markdown(List.of("hist_heart_rate.png"));
        assertThat(md).contains("# Cohort report: seed 0", "| heart_rate | bpm |", "## Action frequencies",
                "![hist_heart_rate.png](hist_heart_rate.png)", "All acceptance checks passed.");
        assertThat(stats.missing(SepsisSchema.AGE)).isZero();
        assertThat(stats.missing(SepsisSchema.LACTATE)).isBetween(0.2, 0.9);
        long histogramTotal = 0;
        for (long c : stats.histogram(0)) {
            histogramTotal += c;
        }
        assertThat(histogramTotal).isEqualTo(Math.round(stats.rows() * (1 - stats.missing(SepsisSchema.HEART_RATE))));
    }
}
