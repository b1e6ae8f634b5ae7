package org.icugym.core.clinical.cohort;

import java.util.List;
import java.util.Objects;

/**
 * One ICU stay of a cohort: its steps in order and its 90-day outcome.
 *
 * @param stayId the stay identifier ({@code icustayid})
 * @param steps the stay's rows, ordered by strictly increasing {@code bloc}; at least one
 * @param diedWithin90Days whether the patient died within 90 days ({@code mortality_90d} = 1)
 */
public record CohortStay(long stayId, List<CohortStep> steps, boolean diedWithin90Days) {

    /** Copies the steps and checks they are non-empty and ordered. */
    public CohortStay {
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("stay " + stayId + " has no steps");
        }
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).bloc() <= steps.get(i - 1).bloc()) {
                throw new IllegalArgumentException("stay " + stayId + ": bloc " + steps.get(i).bloc() + " follows bloc "
                        + steps.get(i - 1).bloc() + "; steps must be strictly increasing");
            }
        }
    }

    /** Number of steps (rows) of the stay. */
    public int length() {
        return steps.size();
    }
}
