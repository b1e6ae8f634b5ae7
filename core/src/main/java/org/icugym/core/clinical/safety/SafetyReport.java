package org.icugym.core.clinical.safety;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safety verdict of one step: each rule's flag by name, in evaluation order, and the cost.
 *
 * @param flags rule name → whether it was violated, in the evaluator's rule order (unmodifiable)
 * @param cost the step's safety cost: sum of the weights of the violated rules (≥ 0)
 */
public record SafetyReport(Map<String, Boolean> flags, double cost) {

    /** Copies the flags, keeping their order. */
    public SafetyReport {
        flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    }

    /** Whether the named rule was violated; false for an unknown name. */
    public boolean isViolated(String ruleName) {
        return flags.getOrDefault(ruleName, false);
    }

    /** The names of the violated rules, in evaluation order. */
    public List<String> violated() {
        return flags.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }

    /** Whether any rule was violated. */
    public boolean anyViolated() {
        return flags.containsValue(true);
    }

    /** The flags as 0/1 values in evaluation order (for tensors and cost channels). */
    public float[] toArray() {
        float[] values = new float[flags.size()];
        int i = 0;
        for (boolean flag : flags.values()) {
            values[i++] = flag ? 1f : 0f;
        }
        return values;
    }
}
