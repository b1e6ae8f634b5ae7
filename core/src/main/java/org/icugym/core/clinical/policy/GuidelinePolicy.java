package org.icugym.core.clinical.policy;

import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.random.Rng;

/**
 * A simple deterministic guideline policy (Surviving Sepsis Campaign in spirit): while MAP is
 * below 65 mmHg or lactate above 2 mmol/L, give a bolus (fluid bin 3) unless the cumulative
 * balance exceeds 5 L; start a vasopressor at bin 2 below 65 mmHg and escalate one bin per step
 * (up to bin 3) while MAP stays below 60 mmHg; wean one bin per step once MAP is at least 70 mmHg;
 * otherwise maintenance fluid (bin 1).
 *
 * <p>Probabilities are one-hot: the policy always takes its action.
 */
public final class GuidelinePolicy implements TreatmentPolicy {
    /** The guideline policy. */
    public static final GuidelinePolicy DEFAULT = new GuidelinePolicy();

    @Override
    public String name() {
        return "guideline";
    }

    @Override
    public StayPolicy forStay(Rng practice) {
        return view -> {
            double[] p = new double[TreatmentAction.COUNT];
            p[action(view).index()] = 1;
            return p;
        };
    }

    /** The guideline's action for a view. */
    public static TreatmentAction action(PatientView view) {
        double map = view.meanBp();
        boolean hypoperfused = map < 65 || view.lactate() > 2;
        int fluid = hypoperfused && view.cumulativeBalanceMl() < 5000 ? 3 : 1;
        int previous = view.previousAction().vasopressorBin();
        int vaso;
        if (previous == 0) {
            vaso = map < 65 ? 2 : 0;
        } else if (map < 60) {
            vaso = Math.min(previous + 1, 3);
        } else if (map >= 70) {
            vaso = previous - 1;
        } else {
            vaso = previous;
        }
        return new TreatmentAction(fluid, vaso);
    }
}
