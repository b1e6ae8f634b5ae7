package org.icugym.agent.psr;

import java.nio.charset.StandardCharsets;
import org.icugym.agent.Policy;
import org.icugym.agent.PolicyException;
import org.icugym.agent.PolicyOutput;
import org.icugym.agent.PolicyWeights;
import org.icugym.agent.baseline.ClinicianBaseline;
import org.icugym.agent.baseline.GuidelineBaseline;
import org.icugym.core.random.Rng;

/**
 * The PSR planner as a served policy. Without a simulator it is its prior alone (the ablation):
 * {@link #act} answers the prior's distribution. With a simulator, a server runs
 * {@link #planner()} on each row's prior distribution to refine the choice by forecast.
 *
 * <p>Its weights file has kind {@value #KIND} and holds the {@link PlannerSettings} line as its
 * parameters (UTF-8); observation size and action count are those of the prior.
 */
public final class PsrPolicy implements Policy {
    /** Kind name in weights files and model listings. */
    public static final String KIND = "psr";

    private final Policy prior;
    private final PsrPlanner planner;

    private PsrPolicy(Policy prior, PsrPlanner planner) {
        this.prior = prior;
        this.planner = planner;
    }

    /** Opens a {@value #KIND} weights file. */
    public static PsrPolicy open(PolicyWeights weights) {
        PlannerSettings settings = settings(weights);
        Policy prior = switch (settings.prior()) {
            case ClinicianBaseline.KIND -> new ClinicianBaseline(weights.observationSize(), weights.numActions());
            case GuidelineBaseline.KIND -> new GuidelineBaseline(weights.observationSize(), weights.numActions());
            default -> throw new PolicyException(PolicyException.Code.INVALID_WEIGHTS, "unknown prior " + settings.prior());
        };
        return new PsrPolicy(prior, new PsrPlanner(settings));
    }

    /** The planner settings of a {@value #KIND} weights file. */
    public static PlannerSettings settings(PolicyWeights weights) {
        if (!KIND.equals(weights.kind())) {
            throw new PolicyException(PolicyException.Code.INVALID_WEIGHTS, "weights of kind " + weights.kind()
                    + " are not a " + KIND + " planner");
        }
        return PlannerSettings.parse(new String(weights.parameters(), StandardCharsets.UTF_8));
    }

    /** The weights file of a planner acting on rows of {@code observationSize} values over {@code numActions}. */
    public static PolicyWeights weights(PlannerSettings settings, int observationSize, int numActions) {
        return new PolicyWeights(KIND, observationSize, numActions, new int[0],
                settings.toText().getBytes(StandardCharsets.UTF_8));
    }

    /** The planner (thread-safe). */
    public PsrPlanner planner() {
        return planner;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int observationSize() {
        return prior.observationSize();
    }

    @Override
    public int numActions() {
        return prior.numActions();
    }

    /** The prior's answer: what the planner proposes from, and the policy when no simulator is at hand. */
    @Override
    public PolicyOutput act(float[] observations, int rows, boolean[] deterministic, Rng rng) {
        return prior.act(observations, rows, deterministic, rng);
    }
}
