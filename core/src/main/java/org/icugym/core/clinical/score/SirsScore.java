package org.icugym.core.clinical.score;

import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.SepsisSchema;

/**
 * The systemic inflammatory response syndrome (SIRS) criteria met at one step (0–4), after
 * Bone et al. 1992 (Chest 101:1644).
 *
 * <p>Criteria: temperature &gt; 38 °C or &lt; 36 °C; heart rate &gt; 90 bpm; respiratory rate
 * &gt; 20 /min or PaCO2 &lt; 32 mmHg; white cells &gt; 12 or &lt; 4 × 10^3/µL (the band-form
 * criterion, &gt; 10 % immature forms, is not in the schema). A criterion whose inputs are all
 * missing counts as not met and is counted in {@link #missingCriteria()}.
 *
 * @param temperature whether the temperature criterion is met
 * @param heartRate whether the heart rate criterion is met
 * @param respiratory whether the respiratory rate / PaCO2 criterion is met
 * @param whiteCells whether the white cell count criterion is met
 * @param missingCriteria number of criteria (0–4) that could not be evaluated
 */
public record SirsScore(boolean temperature, boolean heartRate, boolean respiratory, boolean whiteCells,
        int missingCriteria) {

    /** The SIRS criteria of an observation. */
    public static SirsScore compute(ClinicalObservation obs) {
        double temp = obs.get(SepsisSchema.TEMP_C);
        double hr = obs.get(SepsisSchema.HEART_RATE);
        double rr = obs.get(SepsisSchema.RESP_RATE);
        double paco2 = obs.get(SepsisSchema.PACO2);
        double wbc = obs.get(SepsisSchema.WBC);
        int missing = count(Double.isNaN(temp), Double.isNaN(hr), Double.isNaN(rr) && Double.isNaN(paco2),
                Double.isNaN(wbc));
        return new SirsScore(temp > 38 || temp < 36, hr > 90, rr > 20 || paco2 < 32, wbc > 12 || wbc < 4, missing);
    }

    /** The number of criteria met, 0–4. */
    public int count() {
        return count(temperature, heartRate, respiratory, whiteCells);
    }

    /** Whether at least two criteria are met (the classic SIRS definition). */
    public boolean isSirs() {
        return count() >= 2;
    }

    private static int count(boolean... flags) {
        int n = 0;
        for (boolean flag : flags) {
            n += flag ? 1 : 0;
        }
        return n;
    }
}
