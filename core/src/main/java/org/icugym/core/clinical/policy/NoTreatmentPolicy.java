package org.icugym.core.clinical.policy;

import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.random.Rng;

/** The no-treatment policy: action 0 (no fluid, no vasopressor) at every step. */
public final class NoTreatmentPolicy implements TreatmentPolicy {
    /** The no-treatment policy. */
    public static final NoTreatmentPolicy DEFAULT = new NoTreatmentPolicy();

    @Override
    public String name() {
        return "no treatment";
    }

    @Override
    public StayPolicy forStay(Rng practice) {
        return view -> {
            double[] p = new double[TreatmentAction.COUNT];
            p[TreatmentAction.NONE.index()] = 1;
            return p;
        };
    }
}
