package org.icugym.core.clinical.physiology;

import static org.icugym.core.clinical.physiology.PatientProfile.clamp;
import static org.icugym.core.clinical.schema.SepsisSchema.*;

import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.Feature;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.random.Rng;

/**
 * Turns a latent state into what the bedside records: the 39 dynamic and 3 static features with
 * measurement noise, and missing values where a lab was not drawn in the step.
 *
 * <p>Every call draws the same number of random numbers whatever the state, so two patients on
 * the same seed keep aligned streams under different treatments. Missingness is by panel (one
 * draw per panel: vitals, GCS, blood gas, chemistry, blood count, coagulation, liver panel,
 * ionised calcium, FiO2, temperature, urine) with probabilities that rise with illness, as in
 * real charts (sicker patients get more blood gases).
 */
final class ObservationModel {
    /** Standard normal deviates drawn per observation. */
    static final int NOISE = 44;
    /** Uniform deviates drawn per observation (one per panel). */
    static final int PANELS = 11;

    private ObservationModel() {}

    /**
     * The noisy, partly missing observation of state {@code s} for patient {@code p}.
     *
     * @param admission whether this is the admission step, when the blood gas, chemistry, blood
     *     count and coagulation panels are always drawn and the liver panel with probability 0.6
     */
    static ClinicalObservation observe(LatentState s, PatientProfile p, Rng rng, boolean admission) {
        double[] z = new double[NOISE];
        for (int k = 0; k < NOISE; k++) {
            z[k] = rng.nextGaussian();
        }
        double[] u = new double[PANELS];
        for (int k = 0; k < PANELS; k++) {
            u[k] = rng.nextDouble();
        }
        double[] v = new double[SepsisSchema.OBSERVED.size()];
        vitals(v, s, p, z);
        bloodGas(v, s, z);
        chemistry(v, s, p, z);
        bloodCountAndLiver(v, s, p, z);
        set(v, AGE, p.ageYears());
        set(v, GENDER, p.female() ? 1 : 0);
        set(v, CHARLSON_INDEX, p.charlsonIndex());
        applyMissingness(v, s, u, admission);
        return ClinicalObservation.of(v);
    }

    private static void vitals(double[] v, LatentState s, PatientProfile p, double[] z) {
        double iSat = s.infection() / (1 + s.infection());
        double temp = 36.85 + (p.hypothermic() ? -1 : 1) * 0.6 * iSat + 0.25 * z[0];
        double hr = p.baselineHeartRate() + 28 * iSat + 40 * Math.max(0, 0.95 - s.volume())
                + 10 * s.vasopressorDose() / (s.vasopressorDose() + 0.2) + 4 * (temp - 37) + 10 * z[1];
        double map = s.meanBp() + 2 * z[2];
        double pulse = clamp(60 + 0.35 * (p.ageYears() - 64) + 12 * z[3], 20, 120);
        set(v, HEART_RATE, hr);
        set(v, MEANBP, map);
        set(v, SYSBP, map + 2 * pulse / 3);
        set(v, DIABP, map - pulse / 3);
        double rr = s.ventilated() ? 18 + 4 * z[4]
                : 17 + 7 * s.lungInjury() / (1 + s.lungInjury()) + 1.5 * Math.max(0, s.lactate() - 1.5) + 4.5 * z[4];
        set(v, RESP_RATE, rr);
        set(v, TEMP_C, temp);
        double lungSat = s.lungInjury() / (0.5 + s.lungInjury());
        double fio2 = clamp(35 + 30 * lungSat + (s.ventilated() ? 12 : 0) + 11 * z[5], 21, 100);
        double pao2 = s.pfRatio() * fio2 / 100 * Math.exp(0.1 * z[6]);
        set(v, FIO2, fio2);
        set(v, PAO2, pao2);
        set(v, SPO2, severinghaus(pao2) - 1.9 + 1.8 * z[7]);
        gcs(v, s, z[8]);
    }

    private static void gcs(double[] v, LatentState s, double z) {
        double encephalopathy = 0.6 * s.infection() / (1 + s.infection()) + 0.7 * s.hypoperfusion()
                + (s.ventilated() ? 1.5 : 0);
        double deficit = clamp(Math.round(3.5 * encephalopathy + z), 0, 12);
        set(v, GCS_EYE, clamp(4 - Math.round(deficit * 0.3), 1, 4));
        set(v, GCS_VERBAL, s.ventilated() ? 1 : clamp(5 - Math.round(deficit * 0.4), 1, 5));
        set(v, GCS_MOTOR, clamp(6 - Math.round(deficit * 0.3), 1, 6));
    }

    private static void bloodGas(double[] v, LatentState s, double[] z) {
        double lactate = s.lactate() * Math.exp(0.15 * z[9]);
        double be = -1 - 2.2 * (s.lactate() - 1) - 1.5 * s.kidneyInjury() + 2.5 * z[10];
        double hco3 = clamp(24 + 0.85 * be + z[11], 5, 45);
        set(v, LACTATE, lactate);
        set(v, BASE_EXCESS, be);
        set(v, BICARBONATE, hco3);
        set(v, TOTAL_CO2, hco3 + 1.3 + 0.8 * z[12]);
        set(v, PACO2, 1.5 * hco3 + 8 + 4 * z[13]);
        set(v, PH, 7.41 - 0.03 * (s.lactate() - 1) - 0.015 * s.kidneyInjury() + 0.05 * z[14]);
    }

    private static void chemistry(double[] v, LatentState s, PatientProfile p, double[] z) {
        double iSat = s.infection() / (1 + s.infection());
        double inputL = s.cumulativeInputMl() / 1000;
        set(v, CREATININE, p.baselineCreatinine() * (1 + 0.9 * s.kidneyInjury()) * Math.exp(0.06 * z[15]));
        set(v, BUN, 18 * (1 + 0.8 * s.kidneyInjury()) * Math.exp(0.3 * z[16]));
        set(v, SODIUM, 139 + 4.5 * z[17]);
        set(v, POTASSIUM, 4.1 + 0.25 * s.kidneyInjury() + 0.5 * z[18]);
        set(v, CHLORIDE, 104 + 0.6 * Math.min(inputL, 10) + 4 * z[19]);
        set(v, GLUCOSE, 135 + 25 * iSat + 35 * z[20]);
        set(v, MAGNESIUM, 2.0 + 0.3 * z[21]);
        set(v, CALCIUM_TOTAL, 8.3 - 0.5 * iSat + 0.6 * z[22]);
        set(v, CALCIUM_FREE, 1.12 + 0.07 * z[23]);
        set(v, OUTPUT_4HOURLY, s.urineOutput());
    }

    private static void bloodCountAndLiver(double[] v, LatentState s, PatientProfile p, double[] z) {
        double iSat = s.infection() / (1 + s.infection());
        double liver = 1 - s.lactateClearance();
        double inputL = Math.min(s.cumulativeInputMl() / 1000, 10);
        double hb = 10.6 - 0.3 * inputL + 1.3 * z[24];
        set(v, HEMOGLOBIN, hb);
        set(v, HEMATOCRIT, 3.0 * hb + 1.5 * z[25]);
        set(v, WBC, (8.5 + 8 * iSat) * (p.hypothermic() ? 0.45 : 1) * Math.exp(0.35 * z[26]));
        set(v, PLATELET, p.baselinePlatelets() * Math.exp(-0.5 * iSat - 0.1 * s.kidneyInjury() + 0.2 * z[27]));
        double inr = (1.15 + 0.5 * iSat + 0.6 * liver) * Math.exp(0.1 * z[28]);
        set(v, INR, inr);
        set(v, PT, 11.5 * inr + 1 + 0.5 * z[29]);
        set(v, PTT, 32 * Math.exp(0.25 * s.infection() + 0.15 * z[30]));
        set(v, BILIRUBIN_TOTAL, 0.6 * Math.exp(1.4 * liver + 0.5 * iSat + 0.3 * z[31]));
        set(v, ALT, 30 * Math.exp(2.5 * liver + 0.6 * z[32]));
        set(v, AST, 40 * Math.exp(2.8 * liver + 0.6 * z[33]));
        set(v, ALBUMIN, 3.0 - 0.4 * iSat - 0.05 * inputL + 0.4 * z[34]);
    }

    private static void applyMissingness(double[] v, LatentState s, double[] u, boolean admission) {
        boolean sick = s.ventilated() || s.vasopressorDose() > 0 || s.lactate() > 2.5;
        double lab = admission ? 1 : 0;
        clearUnless(v, u[0] < 0.97, HEART_RATE, SYSBP, DIABP, MEANBP, RESP_RATE, SPO2);
        clearUnless(v, u[1] < 0.85, TEMP_C);
        clearUnless(v, u[2] < (s.ventilated() ? 0.95 : 0.4), FIO2);
        clearUnless(v, u[3] < 0.85, GCS_EYE, GCS_VERBAL, GCS_MOTOR);
        clearUnless(v, u[4] < Math.max(lab, sick ? 0.7 : 0.25), LACTATE, BASE_EXCESS, PACO2, PAO2, PH);
        clearUnless(v, u[5] < Math.max(lab, 0.4), CREATININE, BUN, SODIUM, POTASSIUM, CHLORIDE, GLUCOSE, MAGNESIUM, CALCIUM_TOTAL,
                BICARBONATE, TOTAL_CO2);
        clearUnless(v, u[6] < Math.max(lab, 0.4), HEMOGLOBIN, HEMATOCRIT, WBC, PLATELET);
        clearUnless(v, u[7] < Math.max(lab, 0.3), INR, PT, PTT);
        clearUnless(v, u[8] < (admission ? 0.6 : 0.15), BILIRUBIN_TOTAL, ALT, AST, ALBUMIN);
        clearUnless(v, u[9] < (sick ? 0.5 : 0.2), CALCIUM_FREE);
        clearUnless(v, u[10] < 0.95, OUTPUT_4HOURLY);
    }

    private static void clearUnless(double[] v, boolean measured, Feature... features) {
        if (!measured) {
            for (Feature f : features) {
                v[SepsisSchema.observedIndex(f)] = Double.NaN;
            }
        }
    }

    private static void set(double[] v, Feature feature, double value) {
        v[SepsisSchema.observedIndex(feature)] = feature.clip(value);
    }

    /** Oxygen saturation (%) from PaO2 (mmHg), Severinghaus 1979. */
    static double severinghaus(double pao2) {
        return 100 / (1 + 23400 / (pao2 * pao2 * pao2 + 150 * pao2));
    }
}
