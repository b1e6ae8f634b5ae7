package org.icugym.core.env;

/**
 * The outcome of a reset: a snapshot, safe to hand to another thread.
 *
 * @param observations {@code numEnvs × obsDim} floats, row-major
 * @param infos reset infos
 */
public record ResetResult(float[] observations, InfoBuffer infos) {}
