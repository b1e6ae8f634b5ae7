package org.icugym.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A dense float64 array read from a {@code .npy} stream: its shape and its values in row-major
 * (C) order.
 *
 * @param shape dimensions, e.g. {@code [716, 25]}; empty for a scalar
 * @param data values, row-major; length is the product of {@code shape} (the record's own array,
 *     not a copy)
 */
public record NpyArray(int[] shape, double[] data) {

    /** Checks that the data fills the shape. */
    public NpyArray {
        shape = shape.clone();
        if (NpyReader.numElements(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs "
                    + NpyReader.numElements(shape) + " values, got " + data.length);
        }
    }

    /** Reads a whole {@code .npy} stream; {@code source} names it in error messages. */
    public static NpyArray read(InputStream in, String source) throws IOException {
        return NpyReader.open(in, source).readAll();
    }

    /** The rows of a two-dimensional array as {@code double[shape[0]][shape[1]]}. */
    public double[][] toMatrix() {
        if (shape.length != 2) {
            throw new IllegalStateException("not a matrix: shape " + Arrays.toString(shape));
        }
        double[][] m = new double[shape[0]][];
        for (int i = 0; i < shape[0]; i++) {
            m[i] = Arrays.copyOfRange(data, i * shape[1], (i + 1) * shape[1]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && Arrays.equals(shape, a.shape) && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NpyArray(shape=" + Arrays.toString(shape) + ")";
    }
}
