package org.icugym.core.clinical.score;

import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.Feature;
import org.icugym.core.clinical.schema.SepsisSchema;

/**
 * The derived features of one step ({@link SepsisSchema#DERIVED_FEATURES}): SOFA and its
 * components, SIRS, shock index, PaO2/FiO2, GCS total and the ventilation flag.
 *
 * <p>Ratios and the GCS total are NaN when an input is missing; scores follow the missing-input
 * rules of {@link SofaScore} and {@link SirsScore}. Mechanical ventilation is recorded, not
 * computed, so it is passed in.
 *
 * @param sofa the SOFA score
 * @param sirs the SIRS criteria
 * @param shockIndex heart rate / systolic pressure (bpm/mmHg), NaN if missing
 * @param pfRatio PaO2 (mmHg) / FiO2 (fraction), NaN if missing
 * @param gcsTotal Glasgow Coma Scale total (3–15 points), NaN if any sub-score is missing
 * @param mechanicallyVentilated whether the patient is invasively ventilated
 */
public record DerivedFeatures(SofaScore sofa, SirsScore sirs, double shockIndex, double pfRatio,
        double gcsTotal, boolean mechanicallyVentilated) {

    /**
     * The derived features of an observation.
     *
     * @param obs the step's observed features
     * @param vasopressorDose vasopressor rate during the step, norepinephrine-equivalent
     *     (mcg/kg/min); 0 if none
     * @param mechanicallyVentilated whether the patient is invasively ventilated
     */
    public static DerivedFeatures compute(ClinicalObservation obs, double vasopressorDose,
            boolean mechanicallyVentilated) {
        SofaScore sofa = SofaScore.compute(SofaInputs.from(obs, vasopressorDose, mechanicallyVentilated));
        return new DerivedFeatures(sofa, SirsScore.compute(obs),
                shockIndex(obs.get(SepsisSchema.HEART_RATE), obs.get(SepsisSchema.SYSBP)),
                pfRatio(obs.get(SepsisSchema.PAO2), obs.get(SepsisSchema.FIO2)),
                gcsTotal(obs), mechanicallyVentilated);
    }

    /** The value of one derived feature in its unit (scores as whole points, the flag as 0/1). */
    public double valueOf(Feature feature) {
        for (SofaComponent component : SofaComponent.values()) {
            // identity first: the schema's features are constants, and record equality compares every field
            if (component.feature() == feature || component.feature().equals(feature)) {
                return sofa.points(component);
            }
        }
        return switch (feature.name()) {
            case "sofa" -> sofa.total();
            case "sirs" -> sirs.count();
            case "shock_index" -> shockIndex;
            case "pao2_fio2" -> pfRatio;
            case "gcs_total" -> gcsTotal;
            case "mechanical_ventilation" -> mechanicallyVentilated ? 1 : 0;
            default -> throw new IllegalArgumentException(feature.name() + " is not a derived feature");
        };
    }

    /** The values in {@link SepsisSchema#DERIVED_FEATURES} order (12 values). */
    public double[] toArray() {
        double[] values = new double[SepsisSchema.DERIVED_FEATURES.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = valueOf(SepsisSchema.DERIVED_FEATURES.get(i));
        }
        return values;
    }

    /** Shock index, heart rate (bpm) / systolic pressure (mmHg); NaN if either is missing or SBP ≤ 0. */
    public static double shockIndex(double heartRate, double sysBp) {
        return sysBp > 0 ? heartRate / sysBp : Double.NaN;
    }

    /** PaO2/FiO2 ratio (mmHg) from PaO2 (mmHg) and FiO2 (%); NaN if either is missing or FiO2 ≤ 0. */
    public static double pfRatio(double pao2, double fio2Percent) {
        return fio2Percent > 0 ? pao2 / (fio2Percent / 100.0) : Double.NaN;
    }

    /** The Glasgow Coma Scale total (3–15 points) of an observation; NaN if any sub-score is missing. */
    public static double gcsTotal(ClinicalObservation obs) {
        return obs.get(SepsisSchema.GCS_EYE) + obs.get(SepsisSchema.GCS_VERBAL) + obs.get(SepsisSchema.GCS_MOTOR);
    }
}
