package org.icugym.core.clinical.policy;

import org.icugym.core.clinical.action.DoseBins;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.random.Rng;

/**
 * The clinician behaviour policy that generates the synthetic cohort: guideline-like (treat
 * hypotension and high lactate, wean vasopressors once MAP is restored, hold fluid once the
 * balance is high), noisy, and different from stay to stay.
 *
 * <p>The fluid and vasopressor bins are drawn independently, each from a softmax over its five
 * bins mixed with {@value #EXPLORATION} uniform exploration, so every action has a probability
 * above zero (off-policy evaluation needs that support). Per stay, three practice parameters are
 * drawn: a MAP target (mmHg, N(65, 3)), a fluid liberality (logit shift, N(0, 0.5)) and a
 * vasopressor readiness (logit shift, N(0, 0.5)). They are not recorded in the cohort, like the
 * habits of real clinicians.
 *
 * <p>Calibrated so that the generated cohort's action frequencies resemble MIMIC's
 * (vasopressor bin 0 in about 82 % of steps, fluid bin 0 in about 23 %); docs/cohort.md
 * records the measured frequencies.
 */
public final class ClinicianPolicy implements TreatmentPolicy {
    /** Share of each drug's probability spread uniformly over its five bins. */
    public static final double EXPLORATION = 0.02;

    /** The default clinician policy. */
    public static final ClinicianPolicy DEFAULT = new ClinicianPolicy();

    private static final int BINS = DoseBins.BIN_COUNT;

    @Override
    public String name() {
        return "clinician";
    }

    @Override
    public StayPolicy forStay(Rng practice) {
        double mapTarget = 65 + 3 * practice.nextGaussian();
        double fluidLiberality = 0.5 * practice.nextGaussian();
        double vasopressorReadiness = 0.5 * practice.nextGaussian();
        return view -> combine(fluidProbabilities(view, mapTarget, fluidLiberality),
                vasopressorProbabilities(view, mapTarget, vasopressorReadiness));
    }

    /** Fluid-bin probabilities: larger boluses with hypotension or high lactate, fewer with a high balance. */
    static double[] fluidProbabilities(PatientView view, double mapTarget, double liberality) {
        double need = clamp((mapTarget + 3 - view.meanBp()) / 8, 0, 2) + 0.6 * clamp(view.lactate() - 2, 0, 3);
        double overload = Math.max(0, view.cumulativeBalanceMl() / 1000 - 5);
        double[] logits = {
            0.8 * overload,
            0.15 + liberality,
            0.1 + liberality + 0.4 * need,
            -0.4 + liberality + 1.0 * need - 0.4 * overload,
            -1.7 + liberality + 1.6 * need - 0.9 * overload};
        return softmaxWithExploration(logits);
    }

    /**
     * Vasopressor-bin probabilities: start when MAP falls below target, then titrate around the
     * previous bin (up while hypotensive, down once MAP is above target + 5 mmHg).
     */
    static double[] vasopressorProbabilities(PatientView view, double mapTarget, double readiness) {
        int previous = view.previousAction().vasopressorBin();
        double deficit = (mapTarget - view.meanBp()) / 5;
        double[] logits = new double[BINS];
        if (previous == 0) {
            double start = -2.6 + 1.3 * deficit + 0.4 * clamp(view.lactate() - 2, 0, 4) + readiness;
            double level = 1 + clamp(0.5 * deficit, 0, 2);
            for (int b = 1; b < BINS; b++) {
                logits[b] = start - (b - level) * (b - level);
            }
        } else {
            double level = previous + clamp(0.25 * (mapTarget + 5 - view.meanBp()), -2, 1.5);
            for (int b = 0; b < BINS; b++) {
                logits[b] = -1.5 * (b - level) * (b - level);
            }
        }
        return softmaxWithExploration(logits);
    }

    static double[] combine(double[] fluid, double[] vasopressor) {
        double[] p = new double[TreatmentAction.COUNT];
        for (int f = 0; f < BINS; f++) {
            for (int v = 0; v < BINS; v++) {
                p[BINS * f + v] = fluid[f] * vasopressor[v];
            }
        }
        return p;
    }

    private static double[] softmaxWithExploration(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < logits.length; i++) {
            p[i] = (1 - EXPLORATION) * p[i] / sum + EXPLORATION / logits.length;
        }
        return p;
    }

    private static double clamp(double x, double low, double high) {
        return Math.max(low, Math.min(high, x));
    }
}
