package org.icugym.core.clinical.policy;

import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.random.Rng;

/** A treatment policy bound to one stay: action probabilities for each decision of the stay. */
@FunctionalInterface
public interface StayPolicy {

    /**
     * The probability of each action at this decision.
     *
     * @param view what the policy sees
     * @return 25 probabilities in action-index order (5 × fluid bin + vasopressor bin), summing to 1
     */
    double[] probabilities(PatientView view);

    /**
     * Draws an action from {@link #probabilities} with one uniform deviate of {@code rng}.
     *
     * @return the action and its probability
     */
    default Decision decide(PatientView view, Rng rng) {
        return draw(probabilities(view), rng);
    }

    /**
     * Draws an action from the probabilities {@code p} with one uniform deviate of {@code rng}.
     *
     * @return the action and its probability
     */
    static Decision draw(double[] p, Rng rng) {
        double u = rng.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int a = 0; a < p.length; a++) {
            if (p[a] > 0) {
                last = a;
                cumulative += p[a];
                if (u < cumulative) {
                    return new Decision(TreatmentAction.fromIndex(a), p[a]);
                }
            }
        }
        return new Decision(TreatmentAction.fromIndex(last), p[last]);
    }

    /**
     * An action drawn by a policy and the probability the policy gave it.
     *
     * @param action the action taken
     * @param probability its probability under the policy (0–1]
     */
    record Decision(TreatmentAction action, double probability) {}
}
