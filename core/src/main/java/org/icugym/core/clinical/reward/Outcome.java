package org.icugym.core.clinical.reward;

/** Whether a transition ends the episode, and how (90-day mortality). */
public enum Outcome {
    /** The stay goes on (or was truncated by the time limit without a known outcome). */
    CONTINUING,
    /** The episode ended and the patient survived 90 days. */
    SURVIVED,
    /** The episode ended and the patient died within 90 days. */
    DIED
}
