package org.icugym.core.space;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A product of finite sets: component {@code i} lies in {@code [0, nvec[i])} (Gymnasium's
 * {@code spaces.MultiDiscrete}).
 *
 * @param nvec number of values of each component
 * @param names name of each component (or none)
 */
public record MultiDiscreteSpace(int[] nvec, List<String> names) implements Space {

    /** Validates nvec and names. */
    public MultiDiscreteSpace {
        nvec = nvec.clone();
        names = List.copyOf(names);
        for (int k : nvec) {
            if (k < 1) {
                throw new IllegalArgumentException("MultiDiscreteSpace: every nvec entry must be >= 1");
            }
        }
        if (!names.isEmpty() && names.size() != nvec.length) {
            throw new IllegalArgumentException("MultiDiscreteSpace: " + names.size() + " names for "
                    + nvec.length + " components");
        }
    }

    @Override
    public int flatDim() {
        return nvec.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiDiscreteSpace m && Arrays.equals(nvec, m.nvec) && names.equals(m.names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(nvec), names);
    }

    @Override
    public String toString() {
        return "MultiDiscrete(" + Arrays.toString(nvec) + ")";
    }
}
