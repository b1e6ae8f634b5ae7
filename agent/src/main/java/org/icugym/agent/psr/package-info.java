/**
 * The propose → simulate → refine (PSR) planner: proposes candidate actions from a prior policy,
 * forecasts each through a {@link org.icugym.agent.psr.PlanSimulator} (an environment server's
 * Simulate, or an in-process simulator), refines by predicted reward, mortality risk, safety rules
 * and ensemble uncertainty, and prescribes the best with a reasoning trace.
 */
package org.icugym.agent.psr;
