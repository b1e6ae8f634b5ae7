package org.icugym.core.clinical.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClinicalObservationTest {

    @Test
    void emptyIsAllMissingAndWithSetsOneValue() {
        ClinicalObservation empty = ClinicalObservation.empty();
        assertThat(empty.toArray()).hasSize(42).containsOnly(Double.NaN);
        ClinicalObservation obs = empty.with(SepsisSchema.LACTATE, 2.5);
        assertThat(obs.get(SepsisSchema.LACTATE)).isEqualTo(2.5);
        assertThat(obs.isMissing(SepsisSchema.LACTATE)).isFalse();
        assertThat(empty.isMissing(SepsisSchema.LACTATE)).isTrue();
        assertThat(obs.toString()).contains("lactate=2.5");
    }

    @Test
    void ofCopiesAndChecksLength() {
        double[] values = ClinicalObservation.empty().with(SepsisSchema.AGE, 70).toArray();
        ClinicalObservation obs = ClinicalObservation.of(values);
        values[41] = 1;
        assertThat(obs.get(SepsisSchema.AGE)).isEqualTo(70);
        assertThat(obs).isEqualTo(ClinicalObservation.empty().with(SepsisSchema.AGE, 70));
        assertThatThrownBy(() -> ClinicalObservation.of(new double[39]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("42");
    }
}
