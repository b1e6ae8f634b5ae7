package org.icugym.evaluation.cohort;

import java.util.List;

/**
 * A treatment policy to evaluate on a cohort: action probabilities for many decisions at once, so
 * that a network runs one forward pass, and a remote policy server answers one request, per batch.
 * The same policy answers for the cohort's logged decisions (off-policy estimates) and for the
 * simulator's patients (the true value), always on {@link DecisionInput}s built the same way.
 */
public interface TargetPolicy {
    /** The name in reports, e.g. {@code "dqn"}. */
    String name();

    /**
     * The probabilities of the 25 actions at each decision.
     *
     * @param inputs the decisions, at least one
     * @return one row per input of 25 non-negative probabilities (action-index order) summing to 1
     */
    double[][] probabilities(List<DecisionInput> inputs);
}
