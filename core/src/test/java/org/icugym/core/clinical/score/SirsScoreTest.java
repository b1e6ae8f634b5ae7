package org.icugym.core.clinical.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SirsScoreTest {

    private static ClinicalObservation normal() {
        return ClinicalObservation.empty().with(SepsisSchema.TEMP_C, 37).with(SepsisSchema.HEART_RATE, 80)
                .with(SepsisSchema.RESP_RATE, 16).with(SepsisSchema.PACO2, 40).with(SepsisSchema.WBC, 8);
    }

    @Test
    void normalPatientMeetsNoCriterion() {
        SirsScore sirs = SirsScore.compute(normal());
        assertThat(sirs.count()).isZero();
        assertThat(sirs.missingCriteria()).isZero();
        assertThat(sirs.isSirs()).isFalse();
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource({
        "temp_c, 38.0, 0", "temp_c, 38.1, 1", "temp_c, 36.0, 0", "temp_c, 35.9, 1",
        "heart_rate, 90, 0", "heart_rate, 91, 1",
        "resp_rate, 20, 0", "resp_rate, 21, 1", "paco2, 32, 0", "paco2, 31.9, 1",
        "wbc, 12, 0", "wbc, 12.1, 1", "wbc, 4, 0", "wbc, 3.9, 1"})
    void eachCriterionAtItsCutPoint(String feature, double value, int count) {
        ClinicalObservation obs = normal().with(SepsisSchema.byName(feature).orElseThrow(), value);
        assertThat(SirsScore.compute(obs).count()).isEqualTo(count);
    }

    @Test
    void missingCriteriaAreNotMetAndCounted() {
        ClinicalObservation obs = ClinicalObservation.empty().with(SepsisSchema.HEART_RATE, 120)
                .with(SepsisSchema.PACO2, 28);
        SirsScore sirs = SirsScore.compute(obs);
        assertThat(sirs.count()).isEqualTo(2);
        assertThat(sirs.isSirs()).isTrue();
        assertThat(sirs.missingCriteria()).isEqualTo(2);
    }
}
