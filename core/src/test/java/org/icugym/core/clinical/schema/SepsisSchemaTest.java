package org.icugym.core.clinical.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SepsisSchemaTest {

    private static List<String> names(List<Feature> features) {
        return features.stream().map(Feature::name).toList();
    }

    @Test
    void dynamicFeaturesAreTheDesignList() {
        assertThat(names(SepsisSchema.DYNAMIC_FEATURES)).containsExactly(
                "heart_rate", "sysbp", "diabp", "meanbp", "resp_rate", "spo2", "temp_c", "fio2",
                "gcs_eye", "gcs_verbal", "gcs_motor",
                "albumin", "alt", "ast", "base_excess", "bicarbonate", "bilirubin_total", "bun",
                "calcium_free", "calcium_total", "chloride", "creatinine", "glucose", "hemoglobin",
                "hematocrit", "inr", "lactate", "magnesium", "paco2", "pao2", "ph", "platelet",
                "potassium", "pt", "ptt", "sodium", "total_co2", "wbc", "output_4hourly");
        assertThat(SepsisSchema.DYNAMIC_FEATURES).hasSize(39).noneMatch(Feature::isStatic);
    }

    @Test
    void staticAndDerivedFeatures() {
        assertThat(names(SepsisSchema.STATIC_FEATURES)).containsExactly("age", "gender", "charlson_index");
        assertThat(names(SepsisSchema.DERIVED_FEATURES)).containsExactly(
                "sofa", "sofa_respiration", "sofa_coagulation", "sofa_liver", "sofa_cardiovascular",
                "sofa_cns", "sofa_renal", "sirs", "shock_index", "pao2_fio2", "gcs_total",
                "mechanical_ventilation");
        assertThat(SepsisSchema.OBSERVED).hasSize(42);
        assertThat(SepsisSchema.ALL).hasSize(54);
    }

    @Test
    void namesAndColumnsAreUnique() {
        Set<String> columns = new HashSet<>();
        for (Feature feature : SepsisSchema.ALL) {
            assertThat(columns.add(feature.column().name())).as(feature.name()).isTrue();
            assertThat(SepsisSchema.byName(feature.name())).contains(feature);
            assertThat(SepsisSchema.byColumn(feature.column().name())).contains(feature);
        }
        for (CohortColumn column : CohortColumn.values()) {
            assertThat(columns).doesNotContain(column.columnName());
        }
    }

    @Test
    void extractionColumnsFollowAiClinicianNaming() {
        assertThat(SepsisSchema.HEART_RATE.column().name()).isEqualTo("HR");
        assertThat(SepsisSchema.MEANBP.column().name()).isEqualTo("MeanBP");
        assertThat(SepsisSchema.LACTATE.column().name()).isEqualTo("Arterial_lactate");
        assertThat(SepsisSchema.OUTPUT_4HOURLY.column().name()).isEqualTo("output_4hourly");
        assertThat(SepsisSchema.ALT.column().name()).isEqualTo("SGPT");
        assertThat(SepsisSchema.AST.column().name()).isEqualTo("SGOT");
        assertThat(SepsisSchema.GCS_TOTAL.column().name()).isEqualTo("GCS");
        assertThat(SepsisSchema.byColumn("Platelets_count")).contains(SepsisSchema.PLATELET);
        assertThat(SepsisSchema.byColumn("hr")).isEmpty();
        assertThat(SepsisSchema.GCS_EYE.column().standard()).isFalse();
        assertThat(CohortColumn.ICU_STAY_ID.columnName()).isEqualTo("icustayid");
        assertThat(CohortColumn.BLOC.columnName()).isEqualTo("bloc");
        assertThat(CohortColumn.INPUT_4HOURLY.columnName()).isEqualTo("input_4hourly");
        assertThat(CohortColumn.MAX_DOSE_VASO.columnName()).isEqualTo("max_dose_vaso");
        assertThat(CohortColumn.MORTALITY_90D.columnName()).isEqualTo("mortality_90d");
    }

    @Test
    void fio2ColumnIsAFractionAndTheSchemaUsesPercent() {
        ExtractionColumn column = SepsisSchema.FIO2.column();
        assertThat(column.name()).isEqualTo("FiO2_1");
        assertThat(column.toSchemaUnit(0.5)).isEqualTo(50.0);
        assertThat(column.toColumnUnit(21.0)).isCloseTo(0.21, within(1e-12));
        assertThat(SepsisSchema.FIO2.unit()).isEqualTo("%");
    }

    @Test
    void logTransformedFeaturesAreTheDocumentedList() {
        List<String> logged = SepsisSchema.ALL.stream()
                .filter(f -> f.normalisation() == Normalisation.LOG).map(Feature::name).toList();
        assertThat(logged).containsExactlyInAnyOrder("alt", "ast", "bilirubin_total", "bun", "creatinine",
                "inr", "lactate", "platelet", "pt", "ptt", "wbc", "output_4hourly");
        assertThat(Normalisation.LOG.transform(0.0)).isCloseTo(Math.log(0.1), within(1e-12));
        assertThat(Normalisation.LOG.inverse(Normalisation.LOG.transform(3.7))).isCloseTo(3.7, within(1e-12));
        assertThat(Normalisation.STANDARD.transform(3.7)).isEqualTo(3.7);
        assertThat(Normalisation.LOG.transform(Double.NaN)).isNaN();
    }

    @Test
    void boundsAreSaneAndUnitsStated() {
        for (Feature feature : SepsisSchema.ALL) {
            assertThat(feature.unit()).as(feature.name()).isNotBlank();
            assertThat(feature.lowerBound()).as(feature.name()).isLessThan(feature.upperBound());
        }
        assertThat(SepsisSchema.MEANBP.isPlausible(65)).isTrue();
        assertThat(SepsisSchema.MEANBP.isPlausible(400)).isFalse();
        assertThat(SepsisSchema.MEANBP.isPlausible(Double.NaN)).isFalse();
        assertThat(SepsisSchema.PH.clip(9.0)).isEqualTo(8.0);
        assertThat(SepsisSchema.PH.clip(Double.NaN)).isNaN();
    }

    @Test
    void derivedFeaturesHaveNoObservedIndex() {
        assertThat(SepsisSchema.observedIndex(SepsisSchema.HEART_RATE)).isZero();
        assertThat(SepsisSchema.observedIndex(SepsisSchema.CHARLSON_INDEX)).isEqualTo(41);
        Feature f = SepsisSchema.LACTATE;
        Feature equalCopy = new Feature(f.name(), f.description(), f.unit(), f.group(), f.lowerBound(),
                f.upperBound(), f.normalisation(), f.column());
        assertThat(SepsisSchema.observedIndex(equalCopy)).isEqualTo(SepsisSchema.observedIndex(f));
        assertThatThrownBy(() -> SepsisSchema.observedIndex(SepsisSchema.SOFA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sofa");
    }
}
