package org.icugym.agent.psr;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.icugym.agent.PolicyException;
import org.icugym.agent.baseline.ClinicianBaseline;
import org.icugym.agent.baseline.GuidelineBaseline;

/**
 * How a {@link PsrPlanner} proposes and refines. Written as one line of {@code key=value} pairs
 * separated by {@code ;} (the parameters of a {@code psr} weights file), e.g.
 * {@code prior=clinician;candidates=6;horizon=3;samples=4}.
 *
 * @param prior the prior policy's kind that proposes candidates: {@code clinician} or {@code guideline}
 * @param candidates K, the most candidate actions simulated per decision (1..8)
 * @param horizon H, steps per plan (1..6): the candidate action is repeated H times
 * @param samples N, Monte-Carlo samples per plan (1..64)
 * @param fixedCandidates action indices always proposed besides the prior's most probable ones (may be empty)
 * @param mortalityWeight reward units per unit of predicted mortality risk at the plan's end
 *     (30 = the gap between the ±15 terminal rewards)
 * @param safetyWeight reward units per expected safety-flag raise over the plan (G1, G2, hazards A–D)
 * @param uncertaintyWeight reward units per unit of ensemble disagreement (0 for exact simulators)
 * @param unsafeFirstStep whether a candidate whose first step raises a safety flag in most samples may
 *     be chosen while a candidate without one exists (false = such candidates are rejected)
 * @param rounds most proposal rounds (1..8): while every candidate so far is rejected, the planner
 *     proposes and simulates the prior's next K most probable actions
 */
public record PlannerSettings(String prior, int candidates, int horizon, int samples, int[] fixedCandidates,
        double mortalityWeight, double safetyWeight, double uncertaintyWeight, boolean unsafeFirstStep, int rounds) {

    /**
     * The defaults: clinician prior, K = 6, H = 3, N = 4, no fixed candidates, weights 30, 1, 5,
     * unsafe first steps rejected, up to 5 rounds (every action can be reached).
     */
    public static final PlannerSettings DEFAULT = new PlannerSettings(ClinicianBaseline.KIND, 6, 3, 4, new int[0], 30,
            1, 5, false, 5);

    /** Validates every field. */
    public PlannerSettings {
        if (!prior.equals(ClinicianBaseline.KIND) && !prior.equals(GuidelineBaseline.KIND)) {
            throw invalid("prior '" + prior + "' is not served as a planner prior: use " + ClinicianBaseline.KIND
                    + " or " + GuidelineBaseline.KIND);
        }
        check("candidates", candidates, 1, 8);
        check("horizon", horizon, 1, 6);
        check("samples", samples, 1, 64);
        check("rounds", rounds, 1, 8);
        fixedCandidates = fixedCandidates.clone();
        for (int a : fixedCandidates) {
            check("fixed candidate action", a, 0, 24);
        }
        for (double w : new double[] {mortalityWeight, safetyWeight, uncertaintyWeight}) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw invalid("planner weights must be finite and >= 0, got " + w);
            }
        }
    }

    /** This settings line, {@code key=value;...}. */
    public String toText() {
        StringJoiner fixed = new StringJoiner(",");
        Arrays.stream(fixedCandidates).forEach(a -> fixed.add(Integer.toString(a)));
        return "prior=" + prior + ";candidates=" + candidates + ";horizon=" + horizon + ";samples=" + samples
                + ";fixed=" + fixed + ";mortality_weight=" + mortalityWeight + ";safety_weight=" + safetyWeight
                + ";uncertainty_weight=" + uncertaintyWeight + ";unsafe_first_step=" + unsafeFirstStep + ";rounds=" + rounds;
    }

    /**
     * Parses a settings line; absent keys keep their {@link #DEFAULT} values.
     *
     * @throws PolicyException INVALID_WEIGHTS naming the bad key or value
     */
    public static PlannerSettings parse(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw invalid("planner setting '" + part + "' is not key=value");
            }
            kv.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        PlannerSettings d = DEFAULT;
        try {
            PlannerSettings s = new PlannerSettings(kv.getOrDefault("prior", d.prior),
                    Integer.parseInt(kv.getOrDefault("candidates", "" + d.candidates)),
                    Integer.parseInt(kv.getOrDefault("horizon", "" + d.horizon)),
                    Integer.parseInt(kv.getOrDefault("samples", "" + d.samples)),
                    kv.getOrDefault("fixed", "").isBlank() ? new int[0]
                            : Arrays.stream(kv.get("fixed").split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray(),
                    Double.parseDouble(kv.getOrDefault("mortality_weight", "" + d.mortalityWeight)),
                    Double.parseDouble(kv.getOrDefault("safety_weight", "" + d.safetyWeight)),
                    Double.parseDouble(kv.getOrDefault("uncertainty_weight", "" + d.uncertaintyWeight)),
                    Boolean.parseBoolean(kv.getOrDefault("unsafe_first_step", "" + d.unsafeFirstStep)),
                    Integer.parseInt(kv.getOrDefault("rounds", "" + d.rounds)));
            kv.keySet().removeAll(java.util.List.of("prior", "candidates", "horizon", "samples", "fixed",
                    "mortality_weight", "safety_weight", "uncertainty_weight", "unsafe_first_step", "rounds"));
            if (!kv.isEmpty()) {
                throw invalid("unknown planner settings " + kv.keySet() + ": known are prior, candidates, horizon, "
                        + "samples, fixed, mortality_weight, safety_weight, uncertainty_weight, unsafe_first_step, rounds");
            }
            return s;
        } catch (NumberFormatException e) {
            throw invalid("planner settings '" + text + "' hold a value that is not a number (" + e.getMessage() + ")");
        }
    }

    private static void check(String name, int value, int low, int high) {
        if (value < low || value > high) {
            throw invalid("planner " + name + " " + value + " is outside " + low + ".." + high);
        }
    }

    private static PolicyException invalid(String message) {
        return new PolicyException(PolicyException.Code.INVALID_WEIGHTS, message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlannerSettings s && toText().equals(s.toText());
    }

    @Override
    public int hashCode() {
        return toText().hashCode();
    }

    @Override
    public String toString() {
        return toText();
    }
}
