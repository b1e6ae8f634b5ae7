package org.icugym.core.clinical.reward;

/**
 * The part of a patient's state the sepsis reward looks at.
 *
 * @param sofa total SOFA score (0–24 points)
 * @param lactate arterial lactate (mmol/L); NaN if not measured
 */
public record RewardState(int sofa, double lactate) {

    /** Validates the SOFA range. */
    public RewardState {
        if (sofa < 0 || sofa > 24) {
            throw new IllegalArgumentException("SOFA must be in [0, 24] points, got " + sofa);
        }
    }
}
