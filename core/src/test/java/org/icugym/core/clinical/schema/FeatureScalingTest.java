package org.icugym.core.clinical.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureScalingTest {

    private static ClinicalObservation obs(double hr, double creatinine, double gender) {
        return ClinicalObservation.empty().with(SepsisSchema.HEART_RATE, hr)
                .with(SepsisSchema.CREATININE, creatinine).with(SepsisSchema.GENDER, gender);
    }

    @Test
    void standardisesRawAndLogFeatures() {
        FeatureScaling scaling = FeatureScaling.fit(List.of(obs(80, 0.9, 0), obs(100, 1.9, 1),
                obs(Double.NaN, Double.NaN, 1)));
        assertThat(scaling.mean(SepsisSchema.HEART_RATE)).isEqualTo(90);
        assertThat(scaling.sd(SepsisSchema.HEART_RATE)).isCloseTo(Math.sqrt(200), within(1e-9));
        assertThat(scaling.standardize(SepsisSchema.HEART_RATE, 100)).isCloseTo(10 / Math.sqrt(200), within(1e-9));
        // ln(0.1 + 0.9) = 0 and ln(0.1 + 1.9) = ln 2.
        assertThat(scaling.mean(SepsisSchema.CREATININE)).isCloseTo(Math.log(2) / 2, within(1e-12));
        assertThat(scaling.restore(SepsisSchema.CREATININE, scaling.standardize(SepsisSchema.CREATININE, 3.3)))
                .isCloseTo(3.3, within(1e-9));
        assertThat(scaling.standardize(SepsisSchema.GENDER, 1)).isEqualTo(1);
        assertThat(scaling.standardize(SepsisSchema.HEART_RATE, Double.NaN)).isNaN();
    }

    @Test
    void unmeasuredOrConstantFeaturesGetUnitSd() {
        FeatureScaling scaling = FeatureScaling.fit(List.of(obs(80, 1, 0), obs(80, 1, 0)));
        assertThat(scaling.sd(SepsisSchema.HEART_RATE)).isEqualTo(1);
        assertThat(scaling.sd(SepsisSchema.LACTATE)).isEqualTo(1);
        double[] z = scaling.standardize(obs(82, 1, 0));
        assertThat(z).hasSize(42);
        assertThat(z[SepsisSchema.observedIndex(SepsisSchema.HEART_RATE)]).isEqualTo(2);
        assertThat(z[SepsisSchema.observedIndex(SepsisSchema.LACTATE)]).isNaN();
    }
}
