package org.icugym.evaluation.baseline;

import java.util.function.Predicate;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.icugym.evaluation.policy.Policy;

/**
 * The AI Clinician baseline (Komorowski et al., Nature Medicine 2018): the feature vectors of a
 * training cohort are clustered by k-means into discrete states (about 750 in the paper); the
 * empirical MDP counts transitions between clusters per action, and each stay's last step leads to
 * an absorbing survival (+R) or death (-R) state; policy iteration with discount gamma (0.99 in
 * the paper, R = 100) finds the best action of every cluster among the actions logged there at
 * least {@code minActionCount} times. The policy maps a feature vector to its nearest cluster's
 * action (deterministic; soften it with {@link org.icugym.evaluation.policy.SoftenedPolicy} for
 * importance sampling).
 */
public final class AiClinician implements Policy {
    private final KMeans states;
    private final int[] bestAction;
    private final double[] stateValues;
    private final int numActions;

    private AiClinician(KMeans states, int[] bestAction, double[] stateValues, int numActions) {
        this.states = states;
        this.bestAction = bestAction;
        this.stateValues = stateValues;
        this.numActions = numActions;
    }

    /**
     * What to fit.
     *
     * @param clusters number of k-means states
     * @param kmeansIterations Lloyd iterations at most
     * @param gamma discount in (0, 1)
     * @param terminalReward reward of survival (death gets its negative)
     * @param minActionCount logged steps an action needs in a cluster to be eligible
     * @param seed k-means seed
     */
    public record Settings(int clusters, int kmeansIterations, double gamma, double terminalReward,
            int minActionCount, long seed) {
        /** The paper's settings: 750 clusters, gamma 0.99, +-100, every logged action eligible. */
        public static Settings paper(long seed) {
            return new Settings(750, 30, 0.99, 100, 1, seed);
        }
    }

    /** Fits on {@code train} (feature vectors required); {@code survived} gives each stay's outcome. */
    public static AiClinician fit(TrajectoryDataset train, Predicate<Trajectory> survived, Settings s) {
        if (!(s.gamma() > 0 && s.gamma() < 1)) {
            throw new InvalidDatasetException("AI Clinician gamma must be in (0, 1), got " + s.gamma());
        }
        double[][] points = new double[train.totalSteps()][];
        int k = 0;
        for (Trajectory t : train.trajectories()) {
            for (int i = 0; i < t.length(); i++) {
                points[k++] = t.feature(i);
            }
        }
        KMeans km = KMeans.fit(points, Math.min(s.clusters(), points.length), s.kmeansIterations(), s.seed());
        int n = km.k();
        int dead = n;
        int alive = n + 1;
        int a = train.numActions();
        double[][][] counts = new double[n][a][n + 2];
        double[][] visits = new double[n][a];
        k = 0;
        for (Trajectory t : train.trajectories()) {
            int[] cluster = new int[t.length()];
            for (int i = 0; i < t.length(); i++) {
                cluster[i] = km.nearest(points[k++]);
            }
            boolean lived = survived.test(t);
            for (int i = 0; i < t.length(); i++) {
                int next = i + 1 < t.length() ? cluster[i + 1] : lived ? alive : dead;
                counts[cluster[i]][t.actions()[i]][next]++;
                visits[cluster[i]][t.actions()[i]]++;
            }
        }
        return solve(km, counts, visits, s, a);
    }

    private static AiClinician solve(KMeans km, double[][][] counts, double[][] visits, Settings s, int actions) {
        int n = km.k();
        double[] v = new double[n];
        int[] policy = new int[n];
        for (int x = 0; x < n; x++) {
            policy[x] = mostLogged(visits[x]);
        }
        for (int round = 0; round < 1000; round++) {
            for (int sweep = 0; sweep < 100_000; sweep++) { // policy evaluation
                double delta = 0;
                for (int x = 0; x < n; x++) {
                    double q = q(counts[x][policy[x]], visits[x][policy[x]], v, s);
                    delta = Math.max(delta, Math.abs(q - v[x]));
                    v[x] = q;
                }
                if (delta < 1e-9) {
                    break;
                }
            }
            boolean stable = true;
            for (int x = 0; x < n; x++) { // improvement among eligible actions
                double best = q(counts[x][policy[x]], visits[x][policy[x]], v, s);
                for (int act = 0; act < actions; act++) {
                    if (visits[x][act] >= s.minActionCount() && visits[x][act] > 0) {
                        double q = q(counts[x][act], visits[x][act], v, s);
                        if (q > best + 1e-9) {
                            best = q;
                            policy[x] = act;
                            stable = false;
                        }
                    }
                }
            }
            if (stable) {
                return new AiClinician(km, policy, v, actions);
            }
        }
        throw new IllegalStateException("AI Clinician policy iteration did not converge in 1000 rounds");
    }

    private static double q(double[] next, double visits, double[] v, Settings s) {
        if (visits == 0) {
            return 0;
        }
        int n = v.length;
        double q = 0;
        for (int y = 0; y < n; y++) {
            if (next[y] != 0) {
                q += next[y] / visits * s.gamma() * v[y];
            }
        }
        q += (next[n + 1] - next[n]) / visits * s.terminalReward();
        return q;
    }

    private static int mostLogged(double[] visits) {
        int best = 0;
        for (int a = 1; a < visits.length; a++) {
            if (visits[a] > visits[best]) {
                best = a;
            }
        }
        return best;
    }

    /** The recommended action for feature vector {@code x}. */
    public int action(double[] x) {
        return bestAction[states.nearest(x)];
    }

    /** The fitted value (discounted, in units of the terminal reward) of the cluster nearest to {@code x}. */
    public double stateValue(double[] x) {
        return stateValues[states.nearest(x)];
    }

    /** The k-means state model. */
    public KMeans states() {
        return states;
    }

    @Override
    public double[] probabilities(Trajectory trajectory, int step) {
        double[] p = new double[numActions];
        p[action(trajectory.feature(step))] = 1;
        return p;
    }

    @Override
    public int numActions() {
        return numActions;
    }

    @Override
    public String name() {
        return "AI Clinician";
    }
}
