package org.icugym.core.space;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A continuous box of float32 values with per-element bounds, names and units (Gymnasium's
 * {@code spaces.Box}).
 *
 * @param shape dimensions of one element, e.g. {@code [4]}
 * @param low lower bound per element, row-major; {@code -Infinity} allowed
 * @param high upper bound per element, row-major; {@code +Infinity} allowed
 * @param names name of each element (e.g. {@code "pole_angle"}); same length as low
 * @param units unit of each element (e.g. {@code "rad"}, {@code ""} if dimensionless)
 */
public record BoxSpace(int[] shape, double[] low, double[] high, List<String> names, List<String> units)
        implements Space {

    /** Validates that shape, bounds, names and units agree. */
    public BoxSpace {
        shape = shape.clone();
        low = low.clone();
        high = high.clone();
        names = List.copyOf(names);
        units = List.copyOf(units);
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (low.length != n || high.length != n || names.size() != n || units.size() != n) {
            throw new IllegalArgumentException("BoxSpace: shape " + Arrays.toString(shape) + " needs " + n
                    + " bounds, names and units");
        }
        for (int i = 0; i < n; i++) {
            if (!(low[i] <= high[i])) {
                throw new IllegalArgumentException("BoxSpace: low > high for element " + i);
            }
        }
    }

    /** A one-dimensional box. */
    public static BoxSpace vector(double[] low, double[] high, List<String> names, List<String> units) {
        return new BoxSpace(new int[] {low.length}, low, high, names, units);
    }

    @Override
    public int flatDim() {
        return low.length;
    }

    /** Whether every value of {@code row} (length {@link #flatDim()}) lies inside the bounds. */
    public boolean contains(float[] values, int offset) {
        for (int i = 0; i < low.length; i++) {
            float v = values[offset + i];
            if (Float.isNaN(v) || v < low[i] || v > high[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoxSpace b && Arrays.equals(shape, b.shape) && Arrays.equals(low, b.low)
                && Arrays.equals(high, b.high) && names.equals(b.names) && units.equals(b.units);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(shape), Arrays.hashCode(low), Arrays.hashCode(high), names, units);
    }

    @Override
    public String toString() {
        return "Box(shape=" + Arrays.toString(shape) + ", names=" + names + ")";
    }
}
