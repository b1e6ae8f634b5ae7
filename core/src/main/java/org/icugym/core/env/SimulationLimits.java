package org.icugym.core.env;

/**
 * The bounds of one Simulate request: how many candidate plans, how many steps per plan and how
 * many Monte-Carlo samples per plan a server accepts.
 *
 * @param maxCandidates most candidate plans in one request (K), >= 1
 * @param maxHorizon most actions per plan (H), >= 1
 * @param maxSamples most samples per candidate (N), >= 1
 * @param defaultSamples samples per candidate when the request asks for 0, 1..maxSamples
 */
public record SimulationLimits(int maxCandidates, int maxHorizon, int maxSamples, int defaultSamples) {

    /** The default bounds: K <= 8, H <= 6, N <= 64, N = 8 when unset. */
    public static final SimulationLimits DEFAULT = new SimulationLimits(8, 6, 64, 8);

    /** Checks that every bound is positive and the default lies within the sample bound. */
    public SimulationLimits {
        if (maxCandidates < 1 || maxHorizon < 1 || maxSamples < 1) {
            throw new IllegalArgumentException("simulation limits must be >= 1, got candidates=" + maxCandidates
                    + " horizon=" + maxHorizon + " samples=" + maxSamples);
        }
        if (defaultSamples < 1 || defaultSamples > maxSamples) {
            throw new IllegalArgumentException("default samples must be in 1.." + maxSamples + ", got " + defaultSamples);
        }
    }

    /**
     * Validates the shape of a request and resolves its sample count.
     *
     * @param plans the candidate plans, one action array each
     * @param numSamples requested samples per candidate; 0 means {@link #defaultSamples}
     * @return the number of samples to draw
     * @throws EnvException INVALID_ARGUMENT naming the violated bound
     */
    public int check(long[][] plans, int numSamples) {
        if (plans.length == 0) {
            throw EnvException.invalidArgument("Simulate needs at least one candidate action plan (at most "
                    + maxCandidates + ")");
        }
        if (plans.length > maxCandidates) {
            throw EnvException.invalidArgument("Simulate got " + plans.length + " candidate plans; the limit is "
                    + maxCandidates + ": send at most " + maxCandidates + " per request");
        }
        int horizon = plans[0].length;
        for (int k = 0; k < plans.length; k++) {
            if (plans[k].length != horizon) {
                throw EnvException.invalidArgument("every candidate plan must have the same number of actions: plan 0 has "
                        + horizon + ", plan " + k + " has " + plans[k].length);
            }
        }
        if (horizon < 1 || horizon > maxHorizon) {
            throw EnvException.invalidArgument("Simulate plans have " + horizon + " actions; the horizon must be 1.."
                    + maxHorizon);
        }
        if (numSamples < 0 || numSamples > maxSamples) {
            throw EnvException.invalidArgument("num_samples " + numSamples + " is outside 0.." + maxSamples
                    + " (0 means the default, " + defaultSamples + ")");
        }
        return numSamples == 0 ? defaultSamples : numSamples;
    }
}
