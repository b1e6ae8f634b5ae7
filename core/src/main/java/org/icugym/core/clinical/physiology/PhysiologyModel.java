package org.icugym.core.clinical.physiology;

import static org.icugym.core.clinical.physiology.PatientProfile.clamp;

import org.icugym.core.clinical.action.TreatmentDose;

/**
 * The equations of the reference physiology: admission state, one 4 h step of latent dynamics
 * under a treatment, and the death and discharge probabilities. Pure functions; the random
 * numbers come in as arrays of standard normal deviates so callers control the streams.
 *
 * <p>The equations and their parameters are described in words in {@code docs/physiology.md}.
 */
final class PhysiologyModel {
    /** Number of standard normal deviates {@link #admission} consumes. */
    static final int ADMISSION_NOISE = 8;
    /** Number of standard normal deviates {@link #advance} consumes per step. */
    static final int PROCESS_NOISE = 8;

    private static final double VASO_EMAX = 0.45;
    private static final double VASO_EC50 = 0.15;
    private static final double VASO_HARM_THRESHOLD = 0.4;
    private static final double HYPERTENSION_HARM = 0.8;
    private static final double HYPERTENSION_MAP = 95;
    private static final double FLUID_RETENTION_PER_L = 0.12;
    private static final double OVERLOAD_BALANCE_L = 3.0;
    private static final double TONE_LOSS = 0.3;
    private static final double INFECTION_DECAY = 0.10;

    private PhysiologyModel() {}

    /** The latent state at ICU admission (before any ICU treatment). */
    static LatentState admission(PatientProfile p, double[] z) {
        double i = p.initialInfection();
        double tone = clamp(1 / (1 + TONE_LOSS * i) + 0.03 * z[0], 0.3, 1.2);
        double volume = clamp(1 - 0.3 * i / (0.5 + i) + 0.06 * z[1], 0.5, 1.2);
        double cardiac = cardiacFunction(p, i);
        double kidney = 0.35 * i + 0.4 * Math.abs(z[2]);
        double lung = 0.35 * i + 0.35 * Math.abs(z[3]);
        double clearance = clamp(baselineClearance(p) - 0.15 * i + 0.05 * z[4], 0.2, 1);
        double map = meanBp(p, tone, volume, cardiac, 0, z[5]);
        double lactate = clamp(1.0 + 0.9 * i + 0.6 * hypoperfusion(map, volume) + 0.5 * Math.abs(z[7]), 0.4, 25);
        double preIcuFluid = 1000 * clamp(1.5 + 0.8 * z[6], 0, 5);
        double urine = urineOutput(map, volume, kidney, 0);
        boolean ventilated = 470 / (1 + 1.1 * lung) < 150;
        return new LatentState(i, tone, volume, cardiac, kidney, lung, clearance, lactate, map, urine, preIcuFluid, 0,
                0, ventilated);
    }

    /**
     * The latent state after one 4 h step under a treatment.
     *
     * @param s state at the start of the step
     * @param p the patient
     * @param dose fluid (mL/4h) and vasopressor (mcg/kg/min) given during the step
     * @param z {@link #PROCESS_NOISE} standard normal deviates
     */
    static LatentState advance(LatentState s, PatientProfile p, TreatmentDose dose, double[] z) {
        double d = dose.vasopressorMcgKgMin();
        double fluidMl = dose.fluidMlPer4h();
        double infection = clamp(s.infection() * Math.exp(-INFECTION_DECAY + 0.05 * p.frailty() + 0.12 * z[0]), 0, 5);
        double iSat = infection / (1 + infection);
        double toneTarget = 1 / (1 + TONE_LOSS * infection);
        double tone = clamp(s.vascularTone() + 0.6 * (toneTarget - s.vascularTone()) + 0.02 * z[1], 0.3, 1.2);
        double retained = fluidMl / 1000 * FLUID_RETENTION_PER_L * (1 - 0.4 * iSat);
        double volume = nextVolume(s.volume(), infection, retained, z[2]);
        double cardiac = cardiacFunction(p, infection);
        double map = meanBp(p, tone, volume, cardiac, d, z[3]);
        double h = hypoperfusion(map, volume);
        double harm = Math.max(0, d - VASO_HARM_THRESHOLD);
        double clearance = clamp(s.lactateClearance() + 0.1 * (baselineClearance(p) - s.lactateClearance())
                - 0.08 * h, 0.2, 1);
        double production = 0.9 * h + 0.25 * infection + 0.6 * harm;
        double lactate = clamp(0.9 + (s.lactate() - 0.9) * Math.exp(-0.45 * clearance) + production + 0.08 * z[4],
                0.4, 25);
        double recovery = h < 0.1 ? 0.07 * s.kidneyInjury() : 0;
        double kidney = clamp(s.kidneyInjury() + 0.12 * h + 0.04 * infection + 0.05 * harm - recovery + 0.02 * z[5],
                0, 4);
        double urine = urineOutput(map, volume, kidney, z[6]);
        double input = s.cumulativeInputMl() + fluidMl;
        double output = s.cumulativeOutputMl() + urine;
        double overload = Math.max(0, (input - output) / 1000 - OVERLOAD_BALANCE_L);
        double lung = clamp(s.lungInjury() + 0.05 * infection + 0.06 * overload - 0.06 * s.lungInjury()
                + 0.02 * z[7], 0, 5);
        return new LatentState(infection, tone, volume, cardiac, kidney, lung, clearance, lactate, map, urine, input,
                output, d, ventilation(s.ventilated(), lung, h));
    }

    /**
     * True mean arterial pressure (mmHg): baseline × (tone + vasopressor effect) × preload ×
     * cardiac term, plus beat-to-beat noise. The preload slope is 0.05 + 0.95 × fluid
     * responsiveness, so volume matters little to non-responders.
     */
    static double meanBp(PatientProfile p, double tone, double volume, double cardiac, double vaso, double z) {
        double vasoEffect = p.vasopressorSensitivity() * VASO_EMAX * vaso / (vaso + VASO_EC50);
        double slope = 0.05 + 0.95 * p.fluidResponsiveness();
        double preload = 1 + slope * (Math.min(volume, 1.1) - 1);
        double cardiacTerm = 0.7 + 0.3 * cardiac;
        return clamp(p.baselineMeanBp() * (tone + vasoEffect) * preload * cardiacTerm + 4 * z, 25, 170);
    }

    /** Probability (0–1) of dying during the next 4 h step in the ICU. */
    static double icuDeathProbability(LatentState s, PatientProfile p) {
        double logit = -8.2 + 1.1 * s.hypoperfusion() + 0.55 * s.kidneyInjury() + 0.45 * s.lungInjury()
                + 0.8 * s.infection() + 0.3 * Math.max(0, s.lactate() - 2)
                + 2.0 * Math.max(0, s.vasopressorDose() - VASO_HARM_THRESHOLD)
                + vasopressorHypertension(s)
                + patientRisk(p, 0.035, 0.12, 0.45);
        return logistic(logit);
    }

    /**
     * Log-odds of ICU death added by vasopressor-induced hypertension: {@value #HYPERTENSION_HARM} per
     * 10 mmHg of MAP above {@value #HYPERTENSION_MAP} mmHg while a vasopressor runs (arrhythmia and
     * ischaemia from needless pressor load).
     */
    static double vasopressorHypertension(LatentState s) {
        return s.vasopressorDose() > 0 ? HYPERTENSION_HARM * Math.max(0, s.meanBp() - HYPERTENSION_MAP) / 10 : 0;
    }

    /** Probability (0–1) of death within 90 days for a patient leaving the window in state {@code s}. */
    static double ninetyDayDeathProbability(LatentState s, PatientProfile p) {
        double logit = -3.0 + 0.5 * s.kidneyInjury() + 0.35 * s.lungInjury() + 0.9 * s.infection()
                + 0.4 * s.hypoperfusion() + (s.ventilated() ? 0.4 : 0) + patientRisk(p, 0.045, 0.2, 0.6);
        return logistic(logit);
    }

    /** Whether the patient is stable enough to leave the ICU. */
    static boolean stableForDischarge(LatentState s) {
        return s.infection() < 0.25 && s.meanBp() >= 65 && s.vasopressorDose() == 0 && s.lactate() < 2
                && !s.ventilated();
    }

    static double hypoperfusion(double map, double volume) {
        return Math.max(0, (65 - map) / 15) + 1.5 * Math.max(0, 0.85 - volume);
    }

    private static double nextVolume(double volume, double infection, double retained, double z) {
        double homeostasis = (volume < 1 ? 0.04 : 0.10) * (1 - volume);
        return clamp(volume - 0.02 * infection + retained + homeostasis + 0.015 * z, 0.4, 1.8);
    }

    private static double urineOutput(double map, double volume, double kidney, double z) {
        double perfusion = clamp((map - 45) / 30, 0, 1.2);
        double filling = Math.pow(clamp(volume, 0.5, 1.4), 1.5);
        return clamp(330 * perfusion * filling / (1 + 1.2 * kidney) * Math.exp(0.25 * z), 0, 3000);
    }

    private static boolean ventilation(boolean ventilated, double lung, double hypoperfusion) {
        double pfOffVentilator = 470 / (1 + 1.1 * lung);
        if (ventilated) {
            return pfOffVentilator < 220 || hypoperfusion > 0.5;
        }
        return pfOffVentilator < 150 || hypoperfusion > 2.5;
    }

    private static double cardiacFunction(PatientProfile p, double infection) {
        return clamp(p.cardiacReserve() * (1 - 0.2 * infection / (1 + infection)), 0.3, 1.3);
    }

    private static double baselineClearance(PatientProfile p) {
        return clamp(1 - 0.1 * p.frailty(), 0.4, 1);
    }

    private static double patientRisk(PatientProfile p, double perYear, double perCharlson, double perFrailty) {
        return perYear * (p.ageYears() - 64) + perCharlson * (p.charlsonIndex() - 5.3) + perFrailty * p.frailty();
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
