package org.icugym.core.env;

/** How a vector of environments resets members whose episode ended (Gymnasium 1.x semantics). */
public enum AutoresetMode {
    /** An env that ended on step t is reset on step t+1, which ignores its action and returns reward 0. */
    NEXT_STEP,
    /** An env that ends on step t is reset within step t; the last observation is reported as final. */
    SAME_STEP,
    /** No automatic reset; the caller resets ended envs with a reset mask. */
    DISABLED
}
