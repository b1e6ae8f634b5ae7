package org.icugym.agent.psr;

import org.icugym.core.env.Forecast;

/**
 * The simulator a {@link PsrPlanner} asks what candidate plans would do from one patient's current
 * state: an environment server's {@code Simulate} for one environment of a session, or an
 * in-process {@link org.icugym.core.env.Simulatable}. Calls may block (network I/O).
 */
@FunctionalInterface
public interface PlanSimulator {

    /**
     * Forecasts every plan from the current state without changing it.
     *
     * @param plans K plans of H action indices each
     * @param numSamples Monte-Carlo samples per plan (>= 1)
     * @return one forecast per plan, in order
     * @throws RuntimeException when the simulator cannot answer (the caller reports it)
     */
    Forecast simulate(int[][] plans, int numSamples);
}
