package org.icugym.worldmodel.model;

/**
 * The layout of one raw output row of a world-model member: {@code F} mean deltas, {@code F}
 * log-SDs, then the ventilation, end-of-stay and death logits.
 *
 * <p>The predicted mean of the next standardized features is the current step's features plus
 * the delta (a residual parameterisation: most features change little in 4 h). Log-SDs are
 * clamped to {@code [MIN_LOG_STD, MAX_LOG_STD]}.
 *
 * @param featureCount dynamic features ({@code F})
 */
public record OutputLayout(int featureCount) {
    /** Lowest log-SD (standardized units): SD ≈ 0.018. */
    public static final float MIN_LOG_STD = -4f;
    /** Highest log-SD (standardized units): SD ≈ 7.4. */
    public static final float MAX_LOG_STD = 2f;

    /** Values per output row: {@code 2F + 3}. */
    public int size() {
        return 2 * featureCount + 3;
    }

    /** Offset of the log-SDs. */
    public int logStdOffset() {
        return featureCount;
    }

    /** Offset of the logit of invasive ventilation at the next step. */
    public int ventilationIndex() {
        return 2 * featureCount;
    }

    /** Offset of the logit that the stay ends (death or discharge) at the next step: a per-step hazard. */
    public int endIndex() {
        return 2 * featureCount + 1;
    }

    /** Offset of the logit that the patient dies (90-day mortality) after the stay. */
    public int deathIndex() {
        return 2 * featureCount + 2;
    }
}
