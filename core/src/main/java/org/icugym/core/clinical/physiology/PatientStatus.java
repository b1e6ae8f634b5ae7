package org.icugym.core.clinical.physiology;

/** Where a simulated patient's sepsis window stands. */
public enum PatientStatus {
    /** Still in the ICU window; the patient can be stepped. */
    IN_ICU,
    /** Died in the ICU during the last step (terminated). */
    DIED,
    /** Discharged alive and stable (terminated); the 90-day outcome has been drawn. */
    DISCHARGED,
    /** Reached the window's step limit alive (truncated); the 90-day outcome has been drawn. */
    WINDOW_ENDED;

    /** Whether the window is over. */
    public boolean isFinished() {
        return this != IN_ICU;
    }
}
