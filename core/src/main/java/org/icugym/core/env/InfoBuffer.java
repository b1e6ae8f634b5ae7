package org.icugym.core.env;

import java.util.Arrays;
import java.util.List;

/**
 * Per-step infos of a vector of environments, stored by column: for each declared key a
 * {@code double[numEnvs]} of values and a {@code boolean[numEnvs]} saying which environments set it
 * (Gymnasium's vector info dict {@code {key: values, "_key": mask}}).
 *
 * <p>Columns are fixed at construction from the spec's info keys, so environments resolve a key
 * to a column index once and write without lookups on the hot path.
 */
public final class InfoBuffer {
    private final List<String> keys;
    private final double[][] values;
    private final boolean[][] present;
    private final int numEnvs;

    /** An empty buffer with one column per key. */
    public InfoBuffer(List<String> keys, int numEnvs) {
        this.keys = List.copyOf(keys);
        this.numEnvs = numEnvs;
        this.values = new double[keys.size()][numEnvs];
        this.present = new boolean[keys.size()][numEnvs];
    }

    /** An empty buffer for the info keys of a spec. */
    public static InfoBuffer forSpec(EnvSpec spec, int numEnvs) {
        return new InfoBuffer(spec.infoKeys().stream().map(InfoKey::name).toList(), numEnvs);
    }

    /** The column index of a key; fails if the spec did not declare it. */
    public int column(String key) {
        int c = keys.indexOf(key);
        if (c < 0) {
            throw new IllegalArgumentException("info key not declared in the spec: " + key);
        }
        return c;
    }

    /** Sets the value of column {@code column} for environment {@code env}. */
    public void set(int column, int env, double value) {
        values[column][env] = value;
        present[column][env] = true;
    }

    /** Clears environment {@code env} in every column. */
    public void clear(int env) {
        for (int c = 0; c < keys.size(); c++) {
            present[c][env] = false;
            values[c][env] = 0;
        }
    }

    /** Clears every column. */
    public void clearAll() {
        for (int c = 0; c < keys.size(); c++) {
            Arrays.fill(present[c], false);
            Arrays.fill(values[c], 0);
        }
    }

    /** Copies environment {@code env}'s entries of {@code from} (same keys) into this buffer. */
    public void copyRow(InfoBuffer from, int env) {
        for (int c = 0; c < keys.size(); c++) {
            values[c][env] = from.values[c][env];
            present[c][env] = from.present[c][env];
        }
    }

    /** The declared keys, in column order. */
    public List<String> keys() {
        return keys;
    }

    /** Number of environments (rows). */
    public int numEnvs() {
        return numEnvs;
    }

    /** A column's values (live array; copy before handing out). */
    public double[] values(int column) {
        return values[column];
    }

    /** A column's presence mask (live array; copy before handing out). */
    public boolean[] present(int column) {
        return present[column];
    }

    /** Whether any environment set column {@code column}. */
    public boolean anyPresent(int column) {
        for (boolean p : present[column]) {
            if (p) {
                return true;
            }
        }
        return false;
    }

    /** A deep copy, safe to hand to another thread. */
    public InfoBuffer copy() {
        InfoBuffer c = new InfoBuffer(keys, numEnvs);
        for (int k = 0; k < keys.size(); k++) {
            System.arraycopy(values[k], 0, c.values[k], 0, numEnvs);
            System.arraycopy(present[k], 0, c.present[k], 0, numEnvs);
        }
        return c;
    }
}
