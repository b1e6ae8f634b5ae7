package org.icugym.agent.psr;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.List;
import java.util.Map;

/**
 * The reasoning trace of one {@link PsrPlanner} decision: the candidates it proposed, what the
 * simulator predicted for each, how each scored, and the action it prescribed.
 *
 * @param prior kind of the prior policy that proposed the candidates
 * @param groundTruth whether the forecasts came from the true dynamics (reference simulator)
 * @param horizon steps per simulated plan
 * @param samples Monte-Carlo samples per plan
 * @param candidates every proposed candidate, in proposal order
 * @param chosen the prescribed action index (0..24)
 * @param note why the choice was made, in words
 */
public record PlanTrace(String prior, boolean groundTruth, int horizon, int samples, List<Candidate> candidates,
        int chosen, String note) {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues()
            .create();

    /** Copies the candidates. */
    public PlanTrace {
        candidates = List.copyOf(candidates);
    }

    /**
     * One simulated candidate.
     *
     * @param action action index (5 × fluid bin + vasopressor bin), repeated for every step of the plan
     * @param fluidBin IV fluid bin (0–4)
     * @param vasopressorBin vasopressor bin (0–4)
     * @param priorProbability the prior policy's probability of the action (0–1)
     * @param predictedReward mean predicted cumulative reward of the plan
     * @param mortalityRisk predicted probability of death (0–1) at the plan's end
     * @param expectedFlags per safety flag, expected raises over the plan (sum over steps of the
     *     fraction of samples raising it); only flags above 0
     * @param firstStepFlags safety flags the first step raises in most samples
     * @param uncertainty ensemble disagreement (0 for exact simulators)
     * @param score the refined score (higher is better)
     * @param rejected why the candidate could not be chosen; null if it could
     */
    public record Candidate(int action, int fluidBin, int vasopressorBin, double priorProbability,
            double predictedReward, double mortalityRisk, Map<String, Double> expectedFlags, List<String> firstStepFlags,
            double uncertainty, double score, String rejected) {}

    /** The trace as one line of JSON. */
    public String toJson() {
        return GSON.toJson(this);
    }

    /** Parses {@link #toJson()}. */
    public static PlanTrace fromJson(String json) {
        return GSON.fromJson(json, PlanTrace.class);
    }
}
