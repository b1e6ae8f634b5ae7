package org.icugym.core.clinical.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.core.clinical.physiology.PhysiologyStep;
import org.icugym.core.clinical.physiology.SimulatedPatient;
import org.icugym.core.clinical.reward.Outcome;
import org.icugym.core.clinical.reward.SepsisReward;
import org.icugym.core.random.Rng;

/**
 * The true value of a treatment policy on the reference simulator, estimated by simulation with
 * 95 % confidence intervals (normal approximation, mean ± 1.96 SD / √n).
 *
 * <p>Episodes follow the {@code Sepsis-Physiology-v1} semantics: each action is given at its
 * bin's representative doses, the return is the undiscounted sum of rewards, and the 90-day
 * outcome's terminal reward is paid when the window ends (death, discharge or the step limit).
 * Episode {@code k} admits the patient of seed {@code firstSeed + k}, so two policies evaluated
 * on the same seeds face the same patients and random streams (common random numbers); the
 * policy's own draws come from a separate stream per episode.
 *
 * @param policy the policy's name
 * @param episodes number of simulated episodes
 * @param meanReturn mean undiscounted return
 * @param returnHalfWidth half-width of the 95 % confidence interval of {@code meanReturn}
 * @param mortality share of episodes ending in 90-day death (0–1)
 * @param mortalityHalfWidth half-width of the 95 % confidence interval of {@code mortality}
 * @param meanSteps mean number of 4 h steps per episode
 */
public record PolicyValue(String policy, int episodes, double meanReturn, double returnHalfWidth, double mortality,
        double mortalityHalfWidth, double meanSteps) {

    private static final double Z95 = 1.959964;
    private static final long POLICY_STREAM = 0x6A09E667F3BCC909L;

    /**
     * Simulates {@code episodes} episodes of a policy.
     *
     * @param policy the policy to evaluate
     * @param simulator the reference simulator (its window length is the episode limit)
     * @param reward the reward function
     * @param grid the action grid mapping actions to representative doses
     * @param firstSeed seed of the first episode's patient
     * @param episodes number of episodes, at least 2
     */
    public static PolicyValue estimate(TreatmentPolicy policy, PhysiologySimulator simulator, SepsisReward reward,
            ActionGrid grid, long firstSeed, int episodes) {
        Objects.requireNonNull(policy, "policy");
        if (episodes < 2) {
            throw new IllegalArgumentException("need at least 2 episodes for a confidence interval, got " + episodes);
        }
        double sum = 0;
        double squares = 0;
        int deaths = 0;
        long steps = 0;
        for (int k = 0; k < episodes; k++) {
            long seed = firstSeed + k;
            SimulatedPatient patient = simulator.admit(seed);
            Rng rng = new Rng(seed ^ POLICY_STREAM);
            StayPolicy stay = policy.forStay(rng.split());
            double episodeReturn = 0;
            PhysiologyStep step = patient.current();
            TreatmentAction previous = TreatmentAction.NONE;
            while (!step.status().isFinished()) {
                TreatmentAction action = stay.decide(PatientView.of(step, previous), rng).action();
                PhysiologyStep next = patient.step(grid.doseOf(action));
                episodeReturn += reward.reward(step.rewardState(), next.rewardState(), next.outcome());
                previous = action;
                step = next;
                steps++;
            }
            deaths += step.outcome() == Outcome.DIED ? 1 : 0;
            sum += episodeReturn;
            squares += episodeReturn * episodeReturn;
        }
        return summary(policy.name(), episodes, sum, squares, deaths, steps);
    }

    /**
     * A policy that decides for many simulated patients at once, e.g. a neural network run on a
     * batch or a remote policy server asked once per batch.
     */
    @FunctionalInterface
    public interface BatchPolicy {
        /**
         * Action probabilities for each patient.
         *
         * @param steps each patient's latest simulator step (never finished)
         * @param previous each patient's previous action ({@link TreatmentAction#NONE} at admission)
         * @return one row of 25 probabilities (action-index order, summing to 1) per patient
         */
        double[][] probabilities(List<PhysiologyStep> steps, List<TreatmentAction> previous);
    }

    /**
     * Simulates {@code episodes} episodes of a policy that decides in batches: up to {@code batch}
     * episodes run in lockstep and the policy is asked once per step for all of them. Same
     * patients, random streams and result as {@link #estimate(TreatmentPolicy, PhysiologySimulator,
     * SepsisReward, ActionGrid, long, int)} for a policy without practice variation that gives the
     * same probabilities.
     *
     * @param name the policy's name
     * @param policy the policy
     * @param batch episodes run together, at least 1
     */
    public static PolicyValue estimate(String name, BatchPolicy policy, PhysiologySimulator simulator,
            SepsisReward reward, ActionGrid grid, long firstSeed, int episodes, int batch) {
        Objects.requireNonNull(policy, "policy");
        if (episodes < 2) {
            throw new IllegalArgumentException("need at least 2 episodes for a confidence interval, got " + episodes);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        double[] returns = new double[episodes];
        boolean[] died = new boolean[episodes];
        long steps = 0;
        for (int from = 0; from < episodes; from += batch) {
            int n = Math.min(batch, episodes - from);
            SimulatedPatient[] patients = new SimulatedPatient[n];
            Rng[] rngs = new Rng[n];
            PhysiologyStep[] current = new PhysiologyStep[n];
            TreatmentAction[] previous = new TreatmentAction[n];
            for (int i = 0; i < n; i++) {
                long seed = firstSeed + from + i;
                patients[i] = simulator.admit(seed);
                rngs[i] = new Rng(seed ^ POLICY_STREAM);
                rngs[i].split(); // the stream a policy with practice variation would draw its practice from
                current[i] = patients[i].current();
                previous[i] = TreatmentAction.NONE;
            }
            List<Integer> active = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!current[i].status().isFinished()) {
                    active.add(i);
                }
            }
            while (!active.isEmpty()) {
                List<PhysiologyStep> s = new ArrayList<>(active.size());
                List<TreatmentAction> p = new ArrayList<>(active.size());
                for (int i : active) {
                    s.add(current[i]);
                    p.add(previous[i]);
                }
                double[][] probabilities = policy.probabilities(s, p);
                if (probabilities.length != active.size()) {
                    throw new IllegalStateException("policy " + name + " answered " + probabilities.length
                            + " rows for " + active.size() + " patients");
                }
                List<Integer> still = new ArrayList<>(active.size());
                for (int k = 0; k < active.size(); k++) {
                    int i = active.get(k);
                    TreatmentAction action = StayPolicy.draw(probabilities[k], rngs[i]).action();
                    PhysiologyStep next = patients[i].step(grid.doseOf(action));
                    returns[from + i] += reward.reward(current[i].rewardState(), next.rewardState(), next.outcome());
                    previous[i] = action;
                    current[i] = next;
                    steps++;
                    if (next.status().isFinished()) {
                        died[from + i] = next.outcome() == Outcome.DIED;
                    } else {
                        still.add(i);
                    }
                }
                active = still;
            }
        }
        double sum = 0;
        double squares = 0;
        int deaths = 0;
        for (int k = 0; k < episodes; k++) {
            sum += returns[k];
            squares += returns[k] * returns[k];
            deaths += died[k] ? 1 : 0;
        }
        return summary(name, episodes, sum, squares, deaths, steps);
    }

    private static PolicyValue summary(String name, int episodes, double sum, double squares, int deaths, long steps) {
        double mean = sum / episodes;
        double variance = Math.max(0, (squares - episodes * mean * mean) / (episodes - 1));
        double mortality = (double) deaths / episodes;
        return new PolicyValue(name, episodes, mean, Z95 * Math.sqrt(variance / episodes), mortality,
                Z95 * Math.sqrt(mortality * (1 - mortality) / episodes), (double) steps / episodes);
    }

    /** One line, e.g. {@code "clinician: return 11.22 ± 0.22, 90-day mortality 16.8 % ± 0.7, 13.1 steps"}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: return %.2f ± %.2f, 90-day mortality %.1f %% ± %.1f, %.1f steps (n = %d)",
                policy, meanReturn, returnHalfWidth, 100 * mortality, 100 * mortalityHalfWidth, meanSteps, episodes);
    }
}
