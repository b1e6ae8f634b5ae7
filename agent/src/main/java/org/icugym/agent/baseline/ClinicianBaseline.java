package org.icugym.agent.baseline;

import org.icugym.agent.PolicyOutput;
import org.icugym.core.clinical.policy.ClinicianPolicy;
import org.icugym.core.clinical.policy.PatientView;
import org.icugym.core.clinical.policy.StayPolicy;
import org.icugym.core.random.Rng;

/**
 * The clinician policy: {@link ClinicianPolicy}, the behaviour policy that generated the
 * synthetic cohort, acting on {@code Sepsis-Physiology-v1} observations.
 *
 * <p>The cohort's clinicians draw a practice (MAP target, fluid liberality, vasopressor readiness)
 * per stay, which no observation records. A served policy sees single rows, so it uses the
 * population's clinician: the action probabilities averaged over {@value #PRACTICES} fixed practice
 * draws (as the off-policy evaluation's clinician target does). The observation carries no
 * cumulative fluid balance, so the fluid-overload term (above 5 L) is off ({@link SepsisObservations}).
 * Values are 0.
 */
public final class ClinicianBaseline extends BaselinePolicy {
    /** Kind name in weights files and model listings. */
    public static final String KIND = "clinician";
    /** Number of practice draws the probabilities are averaged over. */
    public static final int PRACTICES = 32;

    private final StayPolicy[] practices = new StayPolicy[PRACTICES];

    /** The clinician over the 25 sepsis actions, taking {@code Sepsis-Physiology-v1} rows. */
    public ClinicianBaseline(int observationSize, int numActions) {
        super(KIND, observationSize, numActions);
        SepsisObservations.check(KIND, observationSize, numActions);
        for (int i = 0; i < PRACTICES; i++) {
            practices[i] = ClinicianPolicy.DEFAULT.forStay(new Rng(1_000 + i));
        }
    }

    /** The averaged action probabilities for one view (25 values summing to 1). */
    public double[] probabilities(PatientView view) {
        double[] p = new double[numActions];
        for (StayPolicy practice : practices) {
            double[] q = practice.probabilities(view);
            for (int a = 0; a < numActions; a++) {
                p[a] += q[a] / PRACTICES;
            }
        }
        return p;
    }

    @Override
    public PolicyOutput act(float[] observations, int rows, boolean[] deterministic, Rng rng) {
        float[] logits = new float[rows * numActions];
        for (int r = 0; r < rows; r++) {
            double[] p = probabilities(SepsisObservations.view(observations, r));
            for (int a = 0; a < numActions; a++) {
                logits[r * numActions + a] = (float) Math.log(p[a]);
            }
        }
        return PolicyOutput.fromLogits(logits, numActions, new float[rows], deterministic, rng);
    }
}
