package org.icugym.core.space;

import java.util.List;

/**
 * The integers {@code start .. start + n - 1} (Gymnasium's {@code spaces.Discrete}).
 *
 * @param n number of elements, at least 1
 * @param start smallest element
 * @param labels optional label of each element ({@code n} entries or none)
 */
public record DiscreteSpace(int n, int start, List<String> labels) implements Space {

    /** Validates n and the labels. */
    public DiscreteSpace {
        labels = List.copyOf(labels);
        if (n < 1) {
            throw new IllegalArgumentException("DiscreteSpace: n must be >= 1, got " + n);
        }
        if (!labels.isEmpty() && labels.size() != n) {
            throw new IllegalArgumentException("DiscreteSpace: " + labels.size() + " labels for n = " + n);
        }
    }

    /** {@code Discrete(n)} without labels. */
    public static DiscreteSpace of(int n) {
        return new DiscreteSpace(n, 0, List.of());
    }

    @Override
    public int flatDim() {
        return 1;
    }

    /** Whether {@code value} is an element of this space. */
    public boolean contains(long value) {
        return value >= start && value < (long) start + n;
    }
}
