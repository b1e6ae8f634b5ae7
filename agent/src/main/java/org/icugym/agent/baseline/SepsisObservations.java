package org.icugym.agent.baseline;

import org.icugym.agent.PolicyException;
import org.icugym.core.clinical.action.DoseBins;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.policy.PatientView;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.clinical.score.DerivedFeatures;
import org.icugym.core.envs.physiology.PhysiologyObservation;

/**
 * Reads one {@code Sepsis-Physiology-v1} observation row ({@value PhysiologyObservation#DIM} float32
 * values, see {@link PhysiologyObservation}) into the {@link PatientView} the clinical policies of
 * {@code core} decide on.
 *
 * <p>The observation carries the charted features (sample and hold), the derived scores and the
 * previous action, but neither the decision index in the stay nor the cumulative fluid balance:
 * the view has step 0 and a balance of 0 mL, so the policies' fluid-overload terms (which start
 * above 5 L) stay off.
 */
public final class SepsisObservations {
    private static final int MECHVENT = PhysiologyObservation.space().names().indexOf("mechvent");

    private SepsisObservations() {}

    /** Checks that rows of {@code observationSize} values are sepsis observations. */
    static void check(String kind, int observationSize, int numActions) {
        if (observationSize != PhysiologyObservation.DIM || numActions != TreatmentAction.COUNT) {
            throw new PolicyException(PolicyException.Code.INVALID_WEIGHTS, "the " + kind + " policy acts on "
                    + "Sepsis-Physiology-v1 observations (" + PhysiologyObservation.DIM + " values) with "
                    + TreatmentAction.COUNT + " actions, not " + observationSize + " values and " + numActions
                    + " actions: serve it with --baselines Sepsis-Physiology-v1");
        }
    }

    /**
     * The view of row {@code row} of {@code observations}.
     *
     * @param observations rows of {@value PhysiologyObservation#DIM} values, row-major
     * @param row the row index
     */
    public static PatientView view(float[] observations, int row) {
        int off = row * PhysiologyObservation.DIM;
        double[] held = new double[PhysiologyObservation.OBSERVED];
        for (int i = 0; i < held.length; i++) {
            held[i] = observations[off + i];
        }
        ClinicalObservation observation = ClinicalObservation.of(held);
        boolean ventilated = MECHVENT >= 0 && observations[off + MECHVENT] > 0.5f;
        DerivedFeatures derived = DerivedFeatures.compute(observation, 0, ventilated);
        int fluid = bin(observations[off + PhysiologyObservation.PREVIOUS_ACTION]);
        int vaso = bin(observations[off + PhysiologyObservation.PREVIOUS_ACTION + 1]);
        return new PatientView(0, observation, derived, 0, new TreatmentAction(fluid, vaso));
    }

    private static int bin(float value) {
        return Math.max(0, Math.min(DoseBins.BIN_COUNT - 1, Math.round(value)));
    }
}
