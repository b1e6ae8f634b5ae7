package org.icugym.core.clinical.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.junit.jupiter.api.Test;

class DerivedFeaturesTest {

    @Test
    void ratiosAndGcsTotal() {
        assertThat(DerivedFeatures.shockIndex(110, 100)).isCloseTo(1.1, within(1e-12));
        assertThat(DerivedFeatures.shockIndex(110, Double.NaN)).isNaN();
        assertThat(DerivedFeatures.shockIndex(110, 0)).isNaN();
        assertThat(DerivedFeatures.pfRatio(80, 40)).isCloseTo(200, within(1e-9));
        assertThat(DerivedFeatures.pfRatio(80, Double.NaN)).isNaN();
        ClinicalObservation gcs = ClinicalObservation.empty().with(SepsisSchema.GCS_EYE, 2)
                .with(SepsisSchema.GCS_VERBAL, 3).with(SepsisSchema.GCS_MOTOR, 5);
        assertThat(DerivedFeatures.gcsTotal(gcs)).isEqualTo(10);
        assertThat(DerivedFeatures.gcsTotal(gcs.with(SepsisSchema.GCS_MOTOR, Double.NaN))).isNaN();
    }

    @Test
    void arrayFollowsSchemaOrder() {
        ClinicalObservation obs = ClinicalObservation.empty().with(SepsisSchema.HEART_RATE, 120)
                .with(SepsisSchema.SYSBP, 80).with(SepsisSchema.MEANBP, 60)
                .with(SepsisSchema.PAO2, 100).with(SepsisSchema.FIO2, 50);
        DerivedFeatures derived = DerivedFeatures.compute(obs, 0.2, true);
        double[] values = derived.toArray();
        assertThat(values).hasSize(12);
        assertThat(values[0]).isEqualTo(6);                         // sofa: resp 2 + cardio 4
        assertThat(values[1]).isEqualTo(2);                         // respiration, P/F 200
        assertThat(values[4]).isEqualTo(4);                         // cardiovascular
        assertThat(values[7]).isEqualTo(1);                         // sirs: heart rate
        assertThat(values[8]).isCloseTo(1.5, within(1e-12));        // shock index
        assertThat(values[9]).isCloseTo(200, within(1e-9));         // P/F
        assertThat(values[10]).isNaN();                             // GCS missing
        assertThat(values[11]).isEqualTo(1);                        // ventilated
        assertThatThrownBy(() -> derived.valueOf(SepsisSchema.LACTATE)).isInstanceOf(IllegalArgumentException.class);
    }
}
