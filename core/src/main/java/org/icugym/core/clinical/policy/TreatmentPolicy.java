package org.icugym.core.clinical.policy;

import org.icugym.core.random.Rng;

/**
 * A stochastic sepsis treatment policy over the 25 discrete actions. A policy may vary between
 * stays (practice variation: different clinicians, different habits), so it is first bound to a
 * stay with {@link #forStay}; the bound policy then gives action probabilities for each decision.
 */
public interface TreatmentPolicy {

    /** A short name, e.g. {@code "clinician"}. */
    String name();

    /**
     * The policy for one stay.
     *
     * @param practice the stream the stay's practice variation is drawn from (policies without
     *     variation draw nothing)
     */
    StayPolicy forStay(Rng practice);
}
