package org.icugym.core.clinical.safety;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.icugym.core.env.InfoKey;

/**
 * The combined safety evaluator: runs a fixed list of rules on a step and reports each rule's
 * flag and a weighted cost.
 *
 * <p>Cost = Σ weight × [violated]. {@link #DEFAULT} weights every rule 1, so the cost is the
 * number of violated rules (0–6). {@link #SEVERITY_WEIGHTED} weights the hazards A–D 1 and the
 * guideline deviations G1, G2 0.5: the hazards are decisions clinicians agreed are unsafe
 * (Festor et al. 2022), while G1 and G2 are departures from usual practice that can be right
 * for a given patient.
 */
public final class SafetyEvaluator {

    /** A rule with its weight in the cost. */
    public record WeightedRule(SafetyRule rule, double weight) {
        /** Validates the weight (finite, ≥ 0). */
        public WeightedRule {
            Objects.requireNonNull(rule, "rule");
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException(rule.name() + ": weight must be finite and >= 0, got " + weight);
            }
        }
    }

    /** The info key of the step's safety cost. */
    public static final String COST_KEY = "safety_cost";

    /** G1, G2 and hazards A–D with their default thresholds, each weighted 1 (cost = count). */
    public static final SafetyEvaluator DEFAULT = counting(defaultRules());
    /** The same rules, hazards A–D weighted 1 and guidelines G1, G2 weighted 0.5. */
    public static final SafetyEvaluator SEVERITY_WEIGHTED = new SafetyEvaluator(List.of(
            new WeightedRule(HypoperfusionRule.DEFAULT, 0.5),
            new WeightedRule(VasopressorWeaningRule.DEFAULT, 0.5),
            new WeightedRule(UntreatedHypotensionHazard.DEFAULT, 1),
            new WeightedRule(ExcessVasopressorHazard.DEFAULT, 1),
            new WeightedRule(WithheldFluidHazard.DEFAULT, 1),
            new WeightedRule(FluidOverloadHazard.DEFAULT, 1)));

    private final List<WeightedRule> rules;

    /**
     * An evaluator over weighted rules.
     *
     * @param rules the rules in report order; names must be unique
     */
    public SafetyEvaluator(List<WeightedRule> rules) {
        this.rules = List.copyOf(rules);
        Set<String> names = new HashSet<>();
        for (WeightedRule r : this.rules) {
            if (!names.add(r.rule().name())) {
                throw new IllegalArgumentException("duplicate safety rule name " + r.rule().name());
            }
        }
    }

    /** An evaluator that weights each rule 1 (cost = number of violated rules). */
    public static SafetyEvaluator counting(List<SafetyRule> rules) {
        return new SafetyEvaluator(rules.stream().map(r -> new WeightedRule(r, 1.0)).toList());
    }

    /** The default rules in report order: G1, G2, hazards A, B, C, D. */
    public static List<SafetyRule> defaultRules() {
        return List.of(HypoperfusionRule.DEFAULT, VasopressorWeaningRule.DEFAULT, UntreatedHypotensionHazard.DEFAULT,
                ExcessVasopressorHazard.DEFAULT, WithheldFluidHazard.DEFAULT, FluidOverloadHazard.DEFAULT);
    }

    /** Runs every rule on one step. */
    public SafetyReport evaluate(TreatmentContext context) {
        Map<String, Boolean> flags = new LinkedHashMap<>();
        double cost = 0;
        for (WeightedRule r : rules) {
            boolean violated = r.rule().isViolated(context);
            flags.put(r.rule().name(), violated);
            cost += violated ? r.weight() : 0;
        }
        return new SafetyReport(flags, cost);
    }

    /** The rule names in report order (the flag keys). */
    public List<String> ruleNames() {
        return rules.stream().map(r -> r.rule().name()).toList();
    }

    /** The weighted rules in report order. */
    public List<WeightedRule> rules() {
        return rules;
    }

    /**
     * The per-step info keys an environment reports for this evaluator: one 0/1 flag per rule,
     * in report order, then {@value #COST_KEY}.
     *
     * @return the keys with their meanings
     */
    public List<InfoKey> infoKeys() {
        List<InfoKey> keys = new ArrayList<>();
        for (WeightedRule r : rules) {
            keys.add(new InfoKey(r.rule().name(), r.rule().description() + " (1 = violated)"));
        }
        keys.add(new InfoKey(COST_KEY, "safety cost: sum of the weights of the violated rules (0 to " + maxCost() + ")"));
        return List.copyOf(keys);
    }

    /** The highest possible cost of a step: the sum of all weights. */
    public double maxCost() {
        return rules.stream().mapToDouble(WeightedRule::weight).sum();
    }
}
