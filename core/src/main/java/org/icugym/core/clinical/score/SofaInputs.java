package org.icugym.core.clinical.score;

import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.SepsisSchema;

/**
 * The measurements the SOFA score needs at one 4 h step, each in its unit; NaN means missing.
 *
 * @param pao2 arterial PaO2 (mmHg)
 * @param fio2 inspired oxygen fraction (%, 21–100)
 * @param mechanicallyVentilated whether the patient receives invasive mechanical ventilation
 * @param platelets platelet count (10^3/µL)
 * @param bilirubin total bilirubin (mg/dL)
 * @param meanBp mean arterial pressure (mmHg)
 * @param vasopressorDose vasopressor rate, norepinephrine-equivalent (mcg/kg/min); 0 if none
 * @param gcsTotal Glasgow Coma Scale total (3–15 points)
 * @param creatinine serum creatinine (mg/dL)
 * @param urineOutput urine output over the 4 h step (mL/4h)
 */
public record SofaInputs(
        double pao2,
        double fio2,
        boolean mechanicallyVentilated,
        double platelets,
        double bilirubin,
        double meanBp,
        double vasopressorDose,
        double gcsTotal,
        double creatinine,
        double urineOutput) {

    /**
     * The inputs taken from an observation plus the treatment context.
     *
     * @param observation the step's observed features
     * @param vasopressorDose vasopressor rate during the step, norepinephrine-equivalent
     *     (mcg/kg/min); 0 if none (AI Clinician: {@code max_dose_vaso})
     * @param mechanicallyVentilated whether the patient is ventilated (AI Clinician: {@code mechvent})
     * @return the SOFA inputs; the GCS total is missing if any sub-score is
     */
    public static SofaInputs from(ClinicalObservation observation, double vasopressorDose,
            boolean mechanicallyVentilated) {
        return new SofaInputs(
                observation.get(SepsisSchema.PAO2),
                observation.get(SepsisSchema.FIO2),
                mechanicallyVentilated,
                observation.get(SepsisSchema.PLATELET),
                observation.get(SepsisSchema.BILIRUBIN_TOTAL),
                observation.get(SepsisSchema.MEANBP),
                vasopressorDose,
                DerivedFeatures.gcsTotal(observation),
                observation.get(SepsisSchema.CREATININE),
                observation.get(SepsisSchema.OUTPUT_4HOURLY));
    }

    /** PaO2/FiO2 ratio (mmHg, FiO2 as a fraction), NaN if either is missing. */
    public double pfRatio() {
        return DerivedFeatures.pfRatio(pao2, fio2);
    }
}
