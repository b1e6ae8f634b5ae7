package org.icugym.core.envs.icusepsis;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Arrays;
import org.icugym.core.io.NpyFormatException;

/**
 * Parser of ICU-Sepsis's {@code admissible_actions.txt}: line 1 holds the number of admissible
 * actions of every state, then one line per state lists its admissible action indices.
 */
final class AdmissibleActions {
    private AdmissibleActions() {}

    /** The admissible actions of each of {@code states} states, each sorted. */
    static int[][] parse(BufferedReader in, String source, int states, int actions) throws IOException {
        int[] counts = ints(in.readLine(), source, 1);
        if (counts.length != states) {
            throw new NpyFormatException(source + ": line 1 has " + counts.length + " counts: expected one per state ("
                    + states + ")");
        }
        int[][] admissible = new int[states][];
        for (int s = 0; s < states; s++) {
            int[] row = ints(in.readLine(), source, s + 2);
            if (row.length != counts[s]) {
                throw new NpyFormatException(source + ": line " + (s + 2) + " lists " + row.length
                        + " actions for state " + s + ": line 1 says " + counts[s]);
            }
            for (int a : row) {
                if (a < 0 || a >= actions) {
                    throw new NpyFormatException(source + ": line " + (s + 2) + ": action " + a
                            + " is outside 0.." + (actions - 1));
                }
            }
            Arrays.sort(row);
            admissible[s] = row;
        }
        return admissible;
    }

    private static int[] ints(String line, String source, int lineNumber) throws NpyFormatException {
        if (line == null) {
            throw new NpyFormatException(source + ": truncated: expected line " + lineNumber);
        }
        String t = line.strip();
        if (t.isEmpty()) {
            return new int[0];
        }
        try {
            return Arrays.stream(t.split("\\s+")).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new NpyFormatException(source + ": line " + lineNumber + " is not a list of integers: " + t, e);
        }
    }
}
