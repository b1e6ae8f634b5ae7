package org.icugym.cli.psr;

/**
 * What one policy achieved over the evaluated episodes.
 *
 * @param arm the arm's name (e.g. {@code clinician}, {@code psr})
 * @param description what the arm does
 * @param episodes episodes played
 * @param steps decisions taken
 * @param meanReturn mean undiscounted return per episode
 * @param returnCi95 half-width of the 95 % confidence interval of the mean return (1.96 standard errors)
 * @param mortality fraction of episodes ending in death within 90 days (0–1)
 * @param mortalityCi95 half-width of its 95 % confidence interval
 * @param g1Rate G1 (hypoperfusion left untreated) violations per decision (0–1)
 * @param g2Rate G2 (vasopressor raised while MAP ≥ 65) violations per decision (0–1)
 * @param hazardRate hazards A–D raised per decision
 * @param g1g2PerEpisode G1 + G2 violations per episode
 * @param g1g2Ci95 half-width of its 95 % confidence interval
 * @param deltaReturn mean paired return difference to the first arm on the same patients (0 for the first arm)
 * @param deltaReturnCi95 half-width of its 95 % confidence interval
 * @param seconds wall-clock seconds the arm took
 */
public record ArmResult(String arm, String description, int episodes, long steps, double meanReturn,
        double returnCi95, double mortality, double mortalityCi95, double g1Rate, double g2Rate, double hazardRate,
        double g1g2PerEpisode, double g1g2Ci95, double deltaReturn, double deltaReturnCi95, double seconds) {}
