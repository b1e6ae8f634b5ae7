package org.icugym.core.clinical.schema;

import static org.icugym.core.clinical.schema.FeatureGroup.DERIVED;
import static org.icugym.core.clinical.schema.FeatureGroup.LAB;
import static org.icugym.core.clinical.schema.FeatureGroup.OUTPUT;
import static org.icugym.core.clinical.schema.FeatureGroup.STATIC;
import static org.icugym.core.clinical.schema.FeatureGroup.VITAL;
import static org.icugym.core.clinical.schema.Normalisation.BINARY;
import static org.icugym.core.clinical.schema.Normalisation.LOG;
import static org.icugym.core.clinical.schema.Normalisation.STANDARD;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sepsis feature schema: the one place that defines every feature of the sepsis
 * environments (DESIGN.md §4), its unit, plausible bounds, normalisation and extraction column.
 *
 * <p>Order is part of the contract: {@link #DYNAMIC_FEATURES} (39 features, vitals then labs then urine
 * output), {@link #STATIC_FEATURES} (3), {@link #OBSERVED} (dynamic followed by static, the layout of
 * {@link ClinicalObservation}) and {@link #DERIVED_FEATURES} (12). Log-transformed ({@link
 * Normalisation#LOG}) are ALT, AST, bilirubin, BUN, creatinine, INR, lactate, platelets, PT, PTT,
 * WBC and urine output: the AI Clinician's list without SpO2 (bounded above and left-skewed, so
 * a log does not help), plus lactate, platelets, PT, PTT and WBC, which are right-skewed in
 * MIMIC sepsis cohorts. Units follow the MIMIC extractions (US units: mg/dL, mEq/L) except FiO2,
 * which is a percentage here (the {@code FiO2_1} column holds a fraction; its scale is 100).
 *
 * <p>Caveats for cohort import: the AI Clinician MIMIC-III table stores {@code age} in days, the
 * MIMIC-IV extractions in years (this schema: years); it has {@code GCS} (the total) but no
 * sub-scores and {@code elixhauser} but no Charlson index, so those columns are extensions.
 */
public final class SepsisSchema {

    // Vitals.
    /** Heart rate (bpm). */
    public static final Feature HEART_RATE = f("heart_rate", "Heart rate", "bpm", VITAL, 0, 250, STANDARD, std("HR"));
    /** Systolic blood pressure (mmHg). */
    public static final Feature SYSBP = f("sysbp", "Systolic blood pressure", "mmHg", VITAL, 0, 300, STANDARD, std("SysBP"));
    /** Diastolic blood pressure (mmHg). */
    public static final Feature DIABP = f("diabp", "Diastolic blood pressure", "mmHg", VITAL, 0, 200, STANDARD, std("DiaBP"));
    /** Mean arterial pressure (mmHg). */
    public static final Feature MEANBP = f("meanbp", "Mean arterial pressure", "mmHg", VITAL, 0, 250, STANDARD, std("MeanBP"));
    /** Respiratory rate (breaths/min). */
    public static final Feature RESP_RATE = f("resp_rate", "Respiratory rate", "breaths/min", VITAL, 0, 80, STANDARD, std("RR"));
    /** Peripheral oxygen saturation (%). */
    public static final Feature SPO2 = f("spo2", "Peripheral oxygen saturation", "%", VITAL, 0, 100, STANDARD, std("SpO2"));
    /** Body temperature (°C). */
    public static final Feature TEMP_C = f("temp_c", "Body temperature", "°C", VITAL, 25, 45, STANDARD, std("Temp_C"));
    /** Fraction of inspired oxygen (%, 21 = room air); column {@code FiO2_1} is a fraction. */
    public static final Feature FIO2 = f("fio2", "Fraction of inspired oxygen", "%", VITAL, 21, 100, STANDARD,
            new ExtractionColumn("FiO2_1", 100.0, true));
    /** Glasgow Coma Scale eye opening sub-score (1–4 points). */
    public static final Feature GCS_EYE = f("gcs_eye", "GCS eye opening", "points", VITAL, 1, 4, STANDARD, ext("GCS_eye"));
    /** Glasgow Coma Scale verbal sub-score (1–5 points). */
    public static final Feature GCS_VERBAL = f("gcs_verbal", "GCS verbal response", "points", VITAL, 1, 5, STANDARD, ext("GCS_verbal"));
    /** Glasgow Coma Scale motor sub-score (1–6 points). */
    public static final Feature GCS_MOTOR = f("gcs_motor", "GCS motor response", "points", VITAL, 1, 6, STANDARD, ext("GCS_motor"));

    // Laboratory values.
    /** Serum albumin (g/dL). */
    public static final Feature ALBUMIN = f("albumin", "Serum albumin", "g/dL", LAB, 0.5, 7, STANDARD, std("Albumin"));
    /** Alanine aminotransferase, SGPT (IU/L). */
    public static final Feature ALT = f("alt", "Alanine aminotransferase", "IU/L", LAB, 0, 10_000, LOG, std("SGPT"));
    /** Aspartate aminotransferase, SGOT (IU/L). */
    public static final Feature AST = f("ast", "Aspartate aminotransferase", "IU/L", LAB, 0, 20_000, LOG, std("SGOT"));
    /** Arterial base excess (mEq/L). */
    public static final Feature BASE_EXCESS = f("base_excess", "Arterial base excess", "mEq/L", LAB, -40, 40, STANDARD, std("Arterial_BE"));
    /** Bicarbonate, HCO3 (mEq/L). */
    public static final Feature BICARBONATE = f("bicarbonate", "Bicarbonate", "mEq/L", LAB, 2, 60, STANDARD, std("HCO3"));
    /** Total bilirubin (mg/dL). */
    public static final Feature BILIRUBIN_TOTAL = f("bilirubin_total", "Total bilirubin", "mg/dL", LAB, 0, 70, LOG, std("Total_bili"));
    /** Blood urea nitrogen (mg/dL). */
    public static final Feature BUN = f("bun", "Blood urea nitrogen", "mg/dL", LAB, 1, 300, LOG, std("BUN"));
    /** Ionised (free) calcium (mmol/L). */
    public static final Feature CALCIUM_FREE = f("calcium_free", "Ionised calcium", "mmol/L", LAB, 0.2, 3, STANDARD, std("Ionised_Ca"));
    /** Total serum calcium (mg/dL). */
    public static final Feature CALCIUM_TOTAL = f("calcium_total", "Total calcium", "mg/dL", LAB, 3, 20, STANDARD, std("Calcium"));
    /** Serum chloride (mEq/L). */
    public static final Feature CHLORIDE = f("chloride", "Chloride", "mEq/L", LAB, 60, 150, STANDARD, std("Chloride"));
    /** Serum creatinine (mg/dL). */
    public static final Feature CREATININE = f("creatinine", "Creatinine", "mg/dL", LAB, 0.1, 25, LOG, std("Creatinine"));
    /** Blood glucose (mg/dL). */
    public static final Feature GLUCOSE = f("glucose", "Glucose", "mg/dL", LAB, 10, 2000, STANDARD, std("Glucose"));
    /** Haemoglobin (g/dL). */
    public static final Feature HEMOGLOBIN = f("hemoglobin", "Haemoglobin", "g/dL", LAB, 2, 25, STANDARD, std("Hb"));
    /** Haematocrit (%). */
    public static final Feature HEMATOCRIT = f("hematocrit", "Haematocrit", "%", LAB, 5, 75, STANDARD, ext("Ht"));
    /** International normalised ratio of prothrombin time (unitless). */
    public static final Feature INR = f("inr", "International normalised ratio", "1", LAB, 0.5, 20, LOG, std("INR"));
    /** Arterial lactate (mmol/L). */
    public static final Feature LACTATE = f("lactate", "Arterial lactate", "mmol/L", LAB, 0.1, 30, LOG, std("Arterial_lactate"));
    /** Serum magnesium (mg/dL). */
    public static final Feature MAGNESIUM = f("magnesium", "Magnesium", "mg/dL", LAB, 0.3, 10, STANDARD, std("Magnesium"));
    /** Arterial partial pressure of CO2 (mmHg). */
    public static final Feature PACO2 = f("paco2", "Arterial PaCO2", "mmHg", LAB, 5, 200, STANDARD, std("paCO2"));
    /** Arterial partial pressure of O2 (mmHg). */
    public static final Feature PAO2 = f("pao2", "Arterial PaO2", "mmHg", LAB, 10, 750, STANDARD, std("paO2"));
    /** Arterial pH (unitless). */
    public static final Feature PH = f("ph", "Arterial pH", "1", LAB, 6.5, 8.0, STANDARD, std("Arterial_pH"));
    /** Platelet count (10^3/µL). */
    public static final Feature PLATELET = f("platelet", "Platelet count", "10^3/µL", LAB, 1, 2000, LOG, std("Platelets_count"));
    /** Serum potassium (mEq/L). */
    public static final Feature POTASSIUM = f("potassium", "Potassium", "mEq/L", LAB, 1, 12, STANDARD, std("Potassium"));
    /** Prothrombin time (s). */
    public static final Feature PT = f("pt", "Prothrombin time", "s", LAB, 5, 150, LOG, std("PT"));
    /** Activated partial thromboplastin time (s). */
    public static final Feature PTT = f("ptt", "Partial thromboplastin time", "s", LAB, 10, 250, LOG, std("PTT"));
    /** Serum sodium (mEq/L). */
    public static final Feature SODIUM = f("sodium", "Sodium", "mEq/L", LAB, 95, 190, STANDARD, std("Sodium"));
    /** Total CO2 content (mEq/L). */
    public static final Feature TOTAL_CO2 = f("total_co2", "Total CO2", "mEq/L", LAB, 2, 60, STANDARD, std("CO2_mEqL"));
    /** White blood cell count (10^3/µL). */
    public static final Feature WBC = f("wbc", "White blood cell count", "10^3/µL", LAB, 0, 500, LOG, std("WBC_count"));

    // Output.
    /** Urine output over the 4 h step (mL/4h). */
    public static final Feature OUTPUT_4HOURLY = f("output_4hourly", "Urine output over the step", "mL/4h", OUTPUT, 0, 5000, LOG,
            std("output_4hourly"));

    // Static.
    /** Age at ICU admission (years). */
    public static final Feature AGE = f("age", "Age", "years", STATIC, 15, 120, STANDARD, std("age"));
    /** Gender (1 = female, 0 = male). */
    public static final Feature GENDER = f("gender", "Gender (1 = female)", "1", STATIC, 0, 1, BINARY, std("gender"));
    /** Charlson comorbidity index (points). */
    public static final Feature CHARLSON_INDEX = f("charlson_index", "Charlson comorbidity index", "points", STATIC, 0, 40, STANDARD,
            ext("charlson_comorbidity_index"));

    // Derived.
    /** Total SOFA score (0–24 points). */
    public static final Feature SOFA = f("sofa", "SOFA score", "points", DERIVED, 0, 24, STANDARD, std("SOFA"));
    /** SOFA respiration component (0–4 points). */
    public static final Feature SOFA_RESPIRATION = sofaPart("respiration");
    /** SOFA coagulation component (0–4 points). */
    public static final Feature SOFA_COAGULATION = sofaPart("coagulation");
    /** SOFA liver component (0–4 points). */
    public static final Feature SOFA_LIVER = sofaPart("liver");
    /** SOFA cardiovascular component (0–4 points). */
    public static final Feature SOFA_CARDIOVASCULAR = sofaPart("cardiovascular");
    /** SOFA central nervous system component (0–4 points). */
    public static final Feature SOFA_CNS = sofaPart("cns");
    /** SOFA renal component (0–4 points). */
    public static final Feature SOFA_RENAL = sofaPart("renal");
    /** Number of SIRS criteria met (0–4). */
    public static final Feature SIRS = f("sirs", "SIRS criteria met", "criteria", DERIVED, 0, 4, STANDARD, std("SIRS"));
    /** Shock index: heart rate / systolic blood pressure (bpm/mmHg). */
    public static final Feature SHOCK_INDEX = f("shock_index", "Shock index", "bpm/mmHg", DERIVED, 0, 10, STANDARD, std("Shock_Index"));
    /** PaO2/FiO2 ratio (mmHg; FiO2 as a fraction). */
    public static final Feature PAO2_FIO2 = f("pao2_fio2", "PaO2/FiO2 ratio", "mmHg", DERIVED, 0, 3600, STANDARD, std("PaO2_FiO2"));
    /** Glasgow Coma Scale total (3–15 points). */
    public static final Feature GCS_TOTAL = f("gcs_total", "GCS total", "points", DERIVED, 3, 15, STANDARD, std("GCS"));
    /** Invasive mechanical ventilation (1 = ventilated); recorded, not computable from the features. */
    public static final Feature MECHANICAL_VENTILATION = f("mechanical_ventilation", "Mechanical ventilation", "1", DERIVED, 0, 1,
            BINARY, std("mechvent"));

    /** The 39 dynamic features, in observation order. */
    public static final List<Feature> DYNAMIC_FEATURES = List.of(
            HEART_RATE, SYSBP, DIABP, MEANBP, RESP_RATE, SPO2, TEMP_C, FIO2, GCS_EYE, GCS_VERBAL, GCS_MOTOR,
            ALBUMIN, ALT, AST, BASE_EXCESS, BICARBONATE, BILIRUBIN_TOTAL, BUN, CALCIUM_FREE, CALCIUM_TOTAL,
            CHLORIDE, CREATININE, GLUCOSE, HEMOGLOBIN, HEMATOCRIT, INR, LACTATE, MAGNESIUM, PACO2, PAO2, PH,
            PLATELET, POTASSIUM, PT, PTT, SODIUM, TOTAL_CO2, WBC, OUTPUT_4HOURLY);
    /** The 3 static features, in observation order. */
    public static final List<Feature> STATIC_FEATURES = List.of(AGE, GENDER, CHARLSON_INDEX);
    /** Dynamic then static features: the layout of a {@link ClinicalObservation} (42 values). */
    public static final List<Feature> OBSERVED = concat(DYNAMIC_FEATURES, STATIC_FEATURES);
    /** The 12 derived features. */
    public static final List<Feature> DERIVED_FEATURES = List.of(
            SOFA, SOFA_RESPIRATION, SOFA_COAGULATION, SOFA_LIVER, SOFA_CARDIOVASCULAR, SOFA_CNS, SOFA_RENAL,
            SIRS, SHOCK_INDEX, PAO2_FIO2, GCS_TOTAL, MECHANICAL_VENTILATION);
    /** Every feature: observed then derived. */
    public static final List<Feature> ALL = concat(OBSERVED, DERIVED_FEATURES);

    private static final Map<String, Feature> BY_NAME = index(ALL, false);
    private static final Map<String, Feature> BY_COLUMN = index(ALL, true);
    private static final Map<Feature, Integer> OBSERVED_INDEX = positions(OBSERVED);
    private static final Map<Feature, Integer> OBSERVED_IDENTITY = new IdentityHashMap<>(OBSERVED_INDEX);

    private SepsisSchema() {}

    /** The feature with this snake_case name, if any. */
    public static Optional<Feature> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The feature held by this extraction column (case-sensitive), if any. */
    public static Optional<Feature> byColumn(String columnName) {
        return Optional.ofNullable(BY_COLUMN.get(columnName));
    }

    /**
     * The position of an observed feature in {@link #OBSERVED}.
     *
     * @throws IllegalArgumentException if the feature is derived
     */
    public static int observedIndex(Feature feature) {
        Integer i = OBSERVED_IDENTITY.get(feature); // the schema's own constants: no record hashing
        if (i == null) {
            i = OBSERVED_INDEX.get(feature);
        }
        if (i == null) {
            throw new IllegalArgumentException(feature.name() + " is not an observed feature");
        }
        return i;
    }

    private static Feature f(String name, String description, String unit, FeatureGroup group, double low,
            double high, Normalisation normalisation, ExtractionColumn column) {
        return new Feature(name, description, unit, group, low, high, normalisation, column);
    }

    private static Feature sofaPart(String organ) {
        return f("sofa_" + organ, "SOFA " + organ + " component", "points", DERIVED, 0, 4, STANDARD,
                ext("SOFA_" + organ));
    }

    private static ExtractionColumn std(String column) {
        return ExtractionColumn.standard(column);
    }

    private static ExtractionColumn ext(String column) {
        return ExtractionColumn.extension(column);
    }

    private static List<Feature> concat(List<Feature> a, List<Feature> b) {
        List<Feature> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static Map<String, Feature> index(List<Feature> features, boolean byColumn) {
        Map<String, Feature> map = new HashMap<>();
        for (Feature feature : features) {
            String key = byColumn ? feature.column().name() : feature.name();
            if (map.put(key, feature) != null) {
                throw new IllegalStateException("duplicate feature key " + key);
            }
        }
        return Map.copyOf(map);
    }

    private static Map<Feature, Integer> positions(List<Feature> features) {
        Map<Feature, Integer> map = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            map.put(features.get(i), i);
        }
        return Map.copyOf(map);
    }
}
