package org.icugym.core.clinical.physiology;

/**
 * The hidden physiological state of a simulated patient at the end of a 4 h step.
 *
 * @param infection infection burden (0 = cleared, ~1 = severe sepsis, unbounded above)
 * @param vascularTone vascular tone (1 = normal; sepsis-induced vasodilation lowers it)
 * @param volume effective intravascular volume relative to normal (1 = euvolaemic)
 * @param cardiacFunction current cardiac function (1 = normal; septic cardiomyopathy lowers it)
 * @param kidneyInjury acute kidney injury (0 = none; creatinine ≈ baseline × (1 + 0.9 × injury))
 * @param lungInjury lung injury (0 = none; PaO2/FiO2 ≈ 470 / (1 + 1.1 × injury) mmHg)
 * @param lactateClearance hepatic lactate clearance capacity (1 = normal, 0.2 = minimal)
 * @param lactate true arterial lactate (mmol/L)
 * @param meanBp true mean arterial pressure under the current treatment (mmHg)
 * @param urineOutput urine produced during the step (mL/4h)
 * @param cumulativeInputMl IV fluid given since ICU admission, including pre-ICU fluid (mL)
 * @param cumulativeOutputMl urine output since ICU admission (mL)
 * @param vasopressorDose vasopressor rate running during the step (mcg/kg/min, norepinephrine-equivalent)
 * @param ventilated whether the patient is invasively ventilated
 */
public record LatentState(
        double infection,
        double vascularTone,
        double volume,
        double cardiacFunction,
        double kidneyInjury,
        double lungInjury,
        double lactateClearance,
        double lactate,
        double meanBp,
        double urineOutput,
        double cumulativeInputMl,
        double cumulativeOutputMl,
        double vasopressorDose,
        boolean ventilated) {

    /** Cumulative fluid balance, input minus output (mL). */
    public double cumulativeBalanceMl() {
        return cumulativeInputMl - cumulativeOutputMl;
    }

    /** True PaO2/FiO2 ratio (mmHg) implied by the lung injury, improved by ventilation (PEEP). */
    public double pfRatio() {
        return 470.0 / (1.0 + 1.1 * lungInjury) * (ventilated ? 1.25 : 1.0);
    }

    /**
     * Global hypoperfusion index (0 = adequate perfusion): the MAP deficit below 65 mmHg in units
     * of 15 mmHg plus 1.5 × the volume deficit below 0.85.
     */
    public double hypoperfusion() {
        return Math.max(0, (65 - meanBp) / 15) + 1.5 * Math.max(0, 0.85 - volume);
    }
}
