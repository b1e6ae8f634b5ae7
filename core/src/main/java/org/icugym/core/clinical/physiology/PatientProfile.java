package org.icugym.core.clinical.physiology;

import org.icugym.core.random.Rng;

/**
 * The fixed characteristics of one simulated patient: observed static features and hidden
 * drivers of the response to sepsis and treatment.
 *
 * <p>Observed: age, gender, Charlson index. Hidden (never in an observation): fluid
 * responsiveness, vasopressor sensitivity, frailty, pre-morbid baselines and initial severity.
 *
 * @param ageYears age (years)
 * @param female whether the patient is female
 * @param charlsonIndex Charlson comorbidity index (points)
 * @param fluidResponsiveness hidden: 0 (no preload reserve) to 1 (steep Frank–Starling curve)
 * @param vasopressorSensitivity hidden: multiplier of the vasopressor effect (1 = typical)
 * @param frailty hidden: comorbidity burden beyond Charlson (standard normal; higher is frailer)
 * @param cardiacReserve hidden: pre-morbid cardiac function (1 = normal)
 * @param baselineMeanBp hidden: pre-morbid mean arterial pressure (mmHg)
 * @param baselineHeartRate hidden: pre-morbid heart rate (bpm)
 * @param baselineCreatinine hidden: pre-morbid creatinine (mg/dL)
 * @param baselinePlatelets hidden: pre-morbid platelet count (10^3/µL)
 * @param initialInfection hidden: infection burden at admission (0 = none, ~1 = severe)
 * @param hypothermic hidden: whether infection lowers rather than raises temperature
 */
public record PatientProfile(
        double ageYears,
        boolean female,
        int charlsonIndex,
        double fluidResponsiveness,
        double vasopressorSensitivity,
        double frailty,
        double cardiacReserve,
        double baselineMeanBp,
        double baselineHeartRate,
        double baselineCreatinine,
        double baselinePlatelets,
        double initialInfection,
        boolean hypothermic) {

    /**
     * Draws a patient from the simulated sepsis population.
     *
     * @param rng the patient's profile stream
     */
    public static PatientProfile sample(Rng rng) {
        double age = clamp(64 + 16 * rng.nextGaussian(), 18, 95);
        boolean female = rng.nextDouble() < 0.44;
        int charlson = (int) Math.round(clamp(5.3 + 0.09 * (age - 64) + 2.6 * rng.nextGaussian(), 0, 20));
        double frailty = 0.5 * (charlson - 5.3) / 3.0 + 0.85 * rng.nextGaussian();
        double fluidResponsiveness = 1 / (1 + Math.exp(-1.6 * rng.nextGaussian()));
        double vasoSensitivity = Math.exp(0.3 * rng.nextGaussian());
        double cardiac = clamp(1.0 - 0.1 * frailty + 0.12 * rng.nextGaussian(), 0.45, 1.3);
        double baselineMap = clamp(91 + 11 * rng.nextGaussian(), 65, 125);
        double baselineHr = clamp(76 + 12 * rng.nextGaussian(), 45, 115);
        double baselineCreat = clamp(Math.exp(Math.log(0.75) + 0.45 * rng.nextGaussian() + 0.05 * charlson), 0.3, 8);
        double baselinePlt = clamp(240 + 95 * rng.nextGaussian(), 30, 700);
        double infection = Math.exp(Math.log(0.55) + 0.55 * rng.nextGaussian());
        boolean hypothermic = rng.nextDouble() < 0.15;
        return new PatientProfile(age, female, charlson, fluidResponsiveness, vasoSensitivity, frailty, cardiac,
                baselineMap, baselineHr, baselineCreat, baselinePlt, infection, hypothermic);
    }

    static double clamp(double x, double low, double high) {
        return Math.max(low, Math.min(high, x));
    }
}
