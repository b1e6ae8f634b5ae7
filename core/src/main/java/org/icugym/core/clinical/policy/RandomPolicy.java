package org.icugym.core.clinical.policy;

import java.util.Arrays;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.random.Rng;

/** The uniformly random policy: each of the 25 actions with probability 1/25 at every step. */
public final class RandomPolicy implements TreatmentPolicy {
    /** The random policy. */
    public static final RandomPolicy DEFAULT = new RandomPolicy();

    @Override
    public String name() {
        return "random";
    }

    @Override
    public StayPolicy forStay(Rng practice) {
        return view -> {
            double[] p = new double[TreatmentAction.COUNT];
            Arrays.fill(p, 1.0 / TreatmentAction.COUNT);
            return p;
        };
    }
}
