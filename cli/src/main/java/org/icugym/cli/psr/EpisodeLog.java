package org.icugym.cli.psr;

/**
 * One finished episode of an evaluation arm.
 *
 * @param env the session's environment index it ran in
 * @param ordinal how many episodes that environment finished before it (pairs episodes across arms:
 *     the same environment index and ordinal admit the same patient)
 * @param totalReward undiscounted return
 * @param died whether the patient died within 90 days
 * @param steps decisions taken
 * @param g1 G1 violations
 * @param g2 G2 violations
 * @param hazards hazard A–D flags raised
 */
record EpisodeLog(int env, int ordinal, double totalReward, boolean died, int steps, int g1, int g2, int hazards) {}
