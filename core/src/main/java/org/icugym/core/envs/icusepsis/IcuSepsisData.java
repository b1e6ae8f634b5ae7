package org.icugym.core.envs.icusepsis;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.icugym.core.random.Rng;

/**
 * The published ICU-Sepsis v2 MDP (Choudhary, Gupta &amp; Thomas, RLC 2024; MIT licence): 716 states
 * (0-712 patient-state clusters, 713 death, 714 survival, 715 absorbing end), 25 actions
 * (index = 5 * fluid_bin + vaso_bin), the transition kernel, rewards (+1 on entering survival),
 * the initial-state distribution, the clinicians' (expert) policy, each state's mean SOFA score
 * and its admissible actions.
 *
 * <p>{@link #load()} reads the arrays shipped as resources once per JVM, on first use (about a
 * second and 30 MB); the result is immutable and thread-safe.
 */
public final class IcuSepsisData {
    /** Number of states. */
    public static final int NUM_STATES = 716;
    /** Number of actions. */
    public static final int NUM_ACTIONS = 25;
    /** Bins per drug: 0 = none, 1-4 = quartiles of non-zero doses. */
    public static final int BINS = 5;
    /** The death state; reaching it ends the episode. */
    public static final int DEATH = 713;
    /** The survival state; entering it pays +1 and ends the episode. */
    public static final int SURVIVAL = 714;
    /** The absorbing end state that death and survival lead to. */
    public static final int ABSORBING = 715;
    /** Resource folder holding {@code dynamics.npz}, {@code admissible_actions.txt} and the LICENSE. */
    public static final String RESOURCE_DIR = "/org/icugym/core/envs/icusepsis/";

    private static final Object LOAD_LOCK = new Object();
    private static volatile IcuSepsisData cached;

    private final SparseTransitions transitions;
    private final double[] initial;
    private final double[] initialCdf;
    private final double[][] expert;
    private final double[] sofa;
    private final double[][] clusterCentres;
    private final int[][] admissible;

    IcuSepsisData(SparseTransitions transitions, double[] initial, double[][] expert, double[] sofa,
            double[][] clusterCentres, int[][] admissible) {
        this.transitions = transitions;
        this.initial = initial;
        this.expert = expert;
        this.sofa = sofa;
        this.clusterCentres = clusterCentres;
        this.admissible = admissible;
        this.initialCdf = new double[initial.length];
        double sum = 0;
        for (int s = 0; s < initial.length; s++) {
            sum += initial[s];
            initialCdf[s] = sum;
        }
    }

    /**
     * The shipped data, read on first call and cached for the life of the JVM; throws
     * {@link UncheckedIOException} if the resources are missing or malformed (a later call retries).
     */
    public static IcuSepsisData load() {
        IcuSepsisData d = cached;
        if (d == null) {
            synchronized (LOAD_LOCK) {
                d = cached;
                if (d == null) {
                    d = readResources();
                    cached = d;
                }
            }
        }
        return d;
    }

    /**
     * Reads the MDP from an {@code .npz} archive and an admissible-actions text (for other copies of
     * the data); {@code source} names them in error messages. Streams are not closed.
     */
    public static IcuSepsisData read(InputStream npz, InputStream admissibleActions, String source)
            throws IOException {
        BufferedReader text = new BufferedReader(new InputStreamReader(admissibleActions, StandardCharsets.US_ASCII));
        return IcuSepsisLoader.read(new BufferedInputStream(npz, 1 << 16), source + "/dynamics.npz", text,
                source + "/admissible_actions.txt");
    }

    private static IcuSepsisData readResources() {
        try (InputStream npz = resource("dynamics.npz");
                InputStream text = resource("admissible_actions.txt")) {
            IcuSepsisData data = read(npz, text, "classpath:" + RESOURCE_DIR.substring(1, RESOURCE_DIR.length() - 1));
            if (data.numStates() != NUM_STATES || data.numActions() != NUM_ACTIONS) {
                throw new IOException("the shipped data has " + data.numStates() + " states and "
                        + data.numActions() + " actions: expected " + NUM_STATES + " and " + NUM_ACTIONS);
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ICU-Sepsis data: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = IcuSepsisData.class.getResourceAsStream(RESOURCE_DIR + name);
        if (in == null) {
            throw new IOException("resource " + RESOURCE_DIR + name + " is missing from the classpath");
        }
        return in;
    }

    /** Number of states (716). */
    public int numStates() {
        return transitions.numStates();
    }

    /** Number of actions (25). */
    public int numActions() {
        return transitions.numActions();
    }

    /** The transition kernel and rewards. */
    public SparseTransitions transitions() {
        return transitions;
    }

    /** Whether reaching {@code state} ends an episode (death or survival; also the absorbing state). */
    public static boolean isTerminal(int state) {
        return state >= DEATH;
    }

    /** The clinicians' policy: {@code [state][action]} probabilities (rows 713-715 are zero); a copy. */
    public double[][] expertPolicy() {
        double[][] copy = new double[expert.length][];
        for (int s = 0; s < expert.length; s++) {
            copy[s] = expert[s].clone();
        }
        return copy;
    }

    /** The initial-state distribution d_0; a copy. */
    public double[] initialDistribution() {
        return initial.clone();
    }

    /** Draws an initial state from d_0. */
    public int sampleInitialState(Rng rng) {
        return rng.sampleCdf(initialCdf, 0, initialCdf.length);
    }

    /** The mean SOFA score (0-24 points) of every state's cluster; 0 for 713-715; a copy. */
    public double[] sofaScores() {
        return sofa.clone();
    }

    /** The mean SOFA score (points) of {@code state}'s cluster. */
    public double sofaScore(int state) {
        return sofa[state];
    }

    /** The normalised AI Clinician features (47) of {@code state}'s cluster centre; a copy. */
    public double[] clusterCentre(int state) {
        return clusterCentres[state].clone();
    }

    /**
     * The admissible actions of {@code state} (seen at least 20 times in the data), sorted; the
     * others are allowed but carry the mean transition of the admissible ones. A copy.
     */
    public int[] admissibleActions(int state) {
        return admissible[state].clone();
    }

    /** P(next | state, action). */
    public double transitionProbability(int state, int action, int next) {
        return transitions.probability(state, action, next);
    }

    /** A uniform policy over all actions: {@code [state][action]}. */
    public double[][] uniformPolicy() {
        double[][] p = new double[numStates()][numActions()];
        for (double[] row : p) {
            Arrays.fill(row, 1.0 / numActions());
        }
        return p;
    }

    /** The fluid bin (0-4) of an action index. */
    public static int fluidBin(int action) {
        return action / BINS;
    }

    /** The vasopressor bin (0-4) of an action index. */
    public static int vasoBin(int action) {
        return action % BINS;
    }
}
