package org.icugym.agent.psr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.env.CandidateForecast;
import org.icugym.core.env.Forecast;

/**
 * The propose → simulate → refine planner (PSR): proposes up to K candidate actions (the prior
 * policy's most probable ones, plus any fixed candidates), simulates each as a plan that repeats
 * the action for H steps, scores each by the forecast, and prescribes the best.
 *
 * <p>Score = predicted cumulative reward − {@code mortalityWeight} × mortality risk at the plan's end
 * − {@code safetyWeight} × expected safety-flag raises (G1, G2, hazards A–D) − {@code uncertaintyWeight}
 * × ensemble disagreement. A candidate whose first step raises a safety flag in most samples is
 * rejected while a candidate without one exists (the rules judge the current state, which the
 * simulator knows); when every candidate of a round is rejected, the next round simulates the
 * prior's next K actions. Ties go to the candidate the prior finds more probable. Stateless and
 * thread-safe; the simulator calls block.
 */
public final class PsrPlanner {
    private final PlannerSettings settings;

    /** A planner with the given settings. */
    public PsrPlanner(PlannerSettings settings) {
        this.settings = settings;
    }

    /** The settings. */
    public PlannerSettings settings() {
        return settings;
    }

    /**
     * The prescribed action and its trace.
     *
     * @param action the chosen action index
     * @param score the chosen candidate's score
     * @param trace candidates, predictions and the choice
     */
    public record Decision(int action, double score, PlanTrace trace) {}

    /**
     * Proposes the first round of candidates from the prior's distribution: the fixed candidates
     * first, then the most probable actions until there are K (ties by lower index).
     *
     * @param priorProbs the prior's probability of each action
     * @return distinct action indices, at most K
     */
    public int[] propose(double[] priorProbs) {
        return propose(priorProbs, Set.of());
    }

    private int[] propose(double[] priorProbs, Set<Integer> done) {
        Set<Integer> out = new LinkedHashSet<>();
        for (int a : settings.fixedCandidates()) {
            if (out.size() < settings.candidates() && a < priorProbs.length && !done.contains(a)) {
                out.add(a);
            }
        }
        Integer[] order = new Integer[priorProbs.length];
        for (int a = 0; a < order.length; a++) {
            order[a] = a;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(a -> -priorProbs[a]).thenComparingInt(a -> a));
        for (int i = 0; i < order.length && out.size() < settings.candidates(); i++) {
            if (!done.contains(order[i])) {
                out.add(order[i]);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Plans one decision: propose K candidates, simulate them with one call, refine, prescribe.
     * While every candidate so far would raise a safety flag at its first step, proposes the prior's
     * next K actions in another round (up to {@code rounds}).
     *
     * @param priorProbs the prior's probability of each action for this patient
     * @param simulator forecasts plans from this patient's current state
     */
    public Decision plan(double[] priorProbs, PlanSimulator simulator) {
        List<PlanTrace.Candidate> scored = new ArrayList<>();
        Set<Integer> done = new LinkedHashSet<>();
        boolean anySafe = false;
        boolean grounded = false;
        int samples = settings.samples();
        for (int round = 0; round < settings.rounds() && !anySafe; round++) {
            int[] actions = propose(priorProbs, done);
            if (actions.length == 0) {
                break;
            }
            Forecast forecast = simulate(actions, simulator);
            grounded = forecast.groundTruth();
            samples = forecast.numSamples();
            for (int k = 0; k < actions.length; k++) {
                PlanTrace.Candidate c = score(actions[k], priorProbs[actions[k]], forecast.candidates().get(k),
                        forecast.flagNames());
                anySafe |= c.firstStepFlags().isEmpty();
                scored.add(c);
                done.add(actions[k]);
            }
        }
        List<PlanTrace.Candidate> judged = new ArrayList<>(scored.size());
        int best = -1;
        for (int k = 0; k < scored.size(); k++) {
            PlanTrace.Candidate c = scored.get(k);
            if (!settings.unsafeFirstStep() && anySafe && !c.firstStepFlags().isEmpty()) {
                c = withRejection(c, "first step raises " + String.join(", ", c.firstStepFlags()));
            } else if (best < 0 || c.score() > judged.get(best).score()) {
                best = k;
            }
            judged.add(c);
        }
        PlanTrace.Candidate chosen = judged.get(best);
        String note = "prescribed " + label(chosen.action()) + ": highest score " + round(chosen.score()) + " of "
                + judged.size() + " candidates" + (anySafe ? "" : " (every candidate's first step raises a safety flag)");
        PlanTrace trace = new PlanTrace(settings.prior(), grounded, settings.horizon(), samples, judged,
                chosen.action(), note);
        return new Decision(chosen.action(), chosen.score(), trace);
    }

    private Forecast simulate(int[] actions, PlanSimulator simulator) {
        int[][] plans = new int[actions.length][settings.horizon()];
        for (int k = 0; k < actions.length; k++) {
            Arrays.fill(plans[k], actions[k]);
        }
        Forecast forecast = simulator.simulate(plans, settings.samples());
        if (forecast.candidates().size() != actions.length) {
            throw new IllegalStateException("the simulator answered " + forecast.candidates().size()
                    + " forecasts for " + actions.length + " plans");
        }
        return forecast;
    }

    private PlanTrace.Candidate score(int action, double prior, CandidateForecast f, List<String> flagNames) {
        int flags = flagNames.size();
        Map<String, Double> expected = new LinkedHashMap<>();
        double expectedTotal = 0;
        List<String> first = new ArrayList<>();
        for (int r = 0; r < flags; r++) {
            double sum = 0;
            for (int h = 0; h < f.horizon(); h++) {
                sum += f.flagRate()[h * flags + r];
            }
            if (sum > 0) {
                expected.put(flagNames.get(r), round(sum));
            }
            expectedTotal += sum;
            if (f.flagRate()[r] > 0.5f) {
                first.add(flagNames.get(r));
            }
        }
        double risk = f.finalMortalityRisk();
        double uncertainty = f.epistemicUncertainty();
        double score = f.predictedReward() - settings.mortalityWeight() * risk - settings.safetyWeight() * expectedTotal
                - settings.uncertaintyWeight() * uncertainty;
        TreatmentAction t = TreatmentAction.fromIndex(action);
        return new PlanTrace.Candidate(action, t.fluidBin(), t.vasopressorBin(), round(prior),
                round(f.predictedReward()), round(risk), expected, List.copyOf(first), round(uncertainty), score, null);
    }

    private static PlanTrace.Candidate withRejection(PlanTrace.Candidate c, String why) {
        return new PlanTrace.Candidate(c.action(), c.fluidBin(), c.vasopressorBin(), c.priorProbability(),
                c.predictedReward(), c.mortalityRisk(), c.expectedFlags(), c.firstStepFlags(), c.uncertainty(), c.score(),
                why);
    }

    private static String label(int action) {
        TreatmentAction t = TreatmentAction.fromIndex(action);
        return "action " + action + " (fluid bin " + t.fluidBin() + ", vasopressor bin " + t.vasopressorBin() + ")";
    }

    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }
}
