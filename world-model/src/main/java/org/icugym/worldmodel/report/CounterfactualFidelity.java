package org.icugym.worldmodel.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.action.DoseBins;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.cohort.CohortGenerator;
import org.icugym.core.clinical.cohort.CohortStay;
import org.icugym.core.clinical.physiology.PhysiologyStep;
import org.icugym.core.clinical.physiology.PatientStatus;
import org.icugym.core.clinical.physiology.SimulatedPatient;
import org.icugym.core.clinical.policy.ClinicianPolicy;
import org.icugym.core.clinical.policy.PatientView;
import org.icugym.core.clinical.policy.StayPolicy;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.random.Rng;
import org.icugym.worldmodel.data.Standardizer;
import org.icugym.worldmodel.data.StaySequence;
import org.icugym.worldmodel.inference.Prediction;
import org.icugym.worldmodel.inference.WorldModel;
import org.icugym.worldmodel.model.InputEncoding;

/**
 * Counterfactual fidelity against the reference simulator: for the same patient state, does the
 * model's predicted response to each of the 25 actions match the simulator's?
 *
 * <p>For sampled test-split states (stay, step), the stay is regenerated from the cohort seed
 * and the simulator patient is restored at that step. Each action is applied for one step in
 * {@code draws} branches that share their random streams across actions (common random numbers),
 * so differences between actions are treatment effects, not noise. The <b>effect</b> of raising a
 * drug by one bin (the other held fixed) is, on both sides, the difference in the expected
 * standardized next value — the model's predicted mean (ensemble mean), the simulator's mean over
 * branches of the true (noise-free) MAP or lactate put through the model's own standardization.
 * An effect pair counts as <em>determined</em> when the simulator's mean difference exceeds twice
 * its Monte Carlo standard error; sign agreement is reported over determined pairs and over all.
 *
 * <p>Mortality: the simulator's 90-day mortality of action {@code a} is estimated by continuing
 * each branch under the clinician behaviour policy to the end of the window (1 for an ICU death,
 * else the simulator's 90-day risk at the end — a conditional expectation, less noisy than the
 * draw); the model's is its death head for the same row. Their Spearman correlation across the
 * 25 actions is computed per state.
 *
 * @param states states evaluated
 * @param draws simulator branches per action and state
 * @param effects sign agreement per outcome (MAP, lactate) and treatment (vasopressor, fluid)
 * @param mortalitySpearmanMean mean over states of the Spearman correlation of mortality across actions
 * @param mortalitySpearmanMedian median of the same
 * @param mortalityStates states where both sides vary across actions (the others have no correlation)
 */
public record CounterfactualFidelity(int states, int draws, List<Effect> effects, double mortalitySpearmanMean,
        double mortalitySpearmanMedian, int mortalityStates) {
    private static final int MAP = SepsisSchema.DYNAMIC_FEATURES.indexOf(SepsisSchema.MEANBP);
    private static final int LACTATE = SepsisSchema.DYNAMIC_FEATURES.indexOf(SepsisSchema.LACTATE);
    private static final int BINS = DoseBins.BIN_COUNT;
    private static final int ACTIONS = TreatmentAction.COUNT;

    /** Copies the list. */
    public CounterfactualFidelity {
        effects = List.copyOf(effects);
    }

    /**
     * Sign agreement of one treatment's effect on one outcome.
     *
     * @param outcome {@code "MAP"} or {@code "lactate"}
     * @param treatment {@code "vasopressor"} or {@code "fluid"}
     * @param pairs adjacent-bin pairs compared (20 per state)
     * @param determined pairs whose simulator effect is beyond twice its standard error
     * @param agreement share of determined pairs where the model's effect has the simulator's sign
     * @param agreementAll the same share over all pairs
     * @param extremeDetermined determined "bin 0 → bin 4" pairs (5 per state)
     * @param extremeAgreement sign agreement over those
     * @param simulatorEffect mean simulator effect per one-bin rise, standardized units
     * @param modelEffect mean model effect per one-bin rise, standardized units
     */
    public record Effect(String outcome, String treatment, long pairs, long determined, double agreement,
            double agreementAll, long extremeDetermined, double extremeAgreement, double simulatorEffect,
            double modelEffect) {}

    /**
     * How many states and branches to use.
     *
     * @param states test-split states to sample (one step of each of that many stays)
     * @param draws simulator branches per action
     * @param seed seed of the state sample and the branches
     */
    public record Settings(int states, int draws, long seed) {
        /** Validates the counts. */
        public Settings {
            if (states < 1 || draws < 2) {
                throw new IllegalArgumentException("need at least 1 state and 2 draws, got " + states + " and " + draws);
            }
        }
    }

    /**
     * Measures the model against the simulator.
     *
     * @param model the loaded ensemble
     * @param generator the generator that wrote the cohort (its simulator, policy and grid)
     * @param cohortSeed the seed the cohort was generated with
     * @param recorded the test stays as recorded
     * @param standardized the same stays standardized with the model's statistics
     * @param settings sample sizes
     * @throws IllegalArgumentException if a recorded stay is not the simulator's stay of that seed
     */
    public static CounterfactualFidelity measure(WorldModel model, CohortGenerator generator, long cohortSeed,
            List<CohortStay> recorded, List<StaySequence> standardized, Settings settings) {
        Rng rng = new Rng(settings.seed());
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < recorded.size(); i++) {
            if (recorded.get(i).length() >= 2) {
                candidates.add(i);
            }
        }
        java.util.Collections.shuffle(candidates, new java.util.Random(rng.nextLong()));
        Standardizer standardizer = model.artifact().standardizer();
        Tally tally = new Tally();
        List<Double> spearman = new ArrayList<>();
        int states = Math.min(settings.states(), candidates.size());
        for (int i = 0; i < states; i++) {
            int index = candidates.get(i);
            CohortStay stay = recorded.get(index);
            int t = rng.nextInt(stay.length() - 1);
            SimulatedPatient patient = restore(generator, cohortSeed, stay, t);
            double[][][] sim = simulate(patient, generator, standardizer, settings.draws(), rng.nextLong());
            double[][] mod = predict(model, standardized.get(index), t);
            tally.add(sim, mod);
            double rho = Ranking.spearman(mean(sim[2]), mod[2]);
            if (!Double.isNaN(rho)) {
                spearman.add(rho);
            }
        }
        double[] rhos = spearman.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = rhos.length == 0 ? Double.NaN
                : rhos.length % 2 == 1 ? rhos[rhos.length / 2] : (rhos[rhos.length / 2 - 1] + rhos[rhos.length / 2]) / 2;
        return new CounterfactualFidelity(states, settings.draws(), tally.effects(),
                Arrays.stream(rhos).average().orElse(Double.NaN), median, rhos.length);
    }

    /** The simulator patient of a recorded stay at step {@code t}, regenerated from the seed and checked. */
    static SimulatedPatient restore(CohortGenerator generator, long cohortSeed, CohortStay stay, int t) {
        SimulatedPatient[] at = new SimulatedPatient[1];
        CohortStay regenerated = generator.stay(cohortSeed, stay.stayId(), (id, bloc, step, patient) -> {
            if (bloc == t + 1) {
                at[0] = patient.fork(0);
            }
        });
        boolean same = regenerated.length() == stay.length();
        for (int s = 0; same && s < stay.length(); s++) {
            same = regenerated.steps().get(s).action().equals(stay.steps().get(s).action());
        }
        if (!same || at[0] == null) {
            throw new IllegalArgumentException("test stay " + stay.stayId() + " is not the reference simulator's stay of "
                    + "cohort seed " + cohortSeed + ": pass the seed the cohort was generated with (--cohort-seed), or "
                    + "skip the counterfactual section (--no-counterfactual) for cohorts not generated by icugym");
        }
        return at[0];
    }

    /** {@code [outcome: MAP, lactate, mortality][action][draw]} from simulator branches. */
    private static double[][][] simulate(SimulatedPatient patient, CohortGenerator generator, Standardizer standardizer,
            int draws, long seed) {
        double[][][] out = new double[3][ACTIONS][draws];
        ActionGrid grid = generator.grid();
        for (int d = 0; d < draws; d++) {
            long branchSeed = seed + 0x9E3779B97F4A7C15L * (d + 1);
            for (int a = 0; a < ACTIONS; a++) {
                SimulatedPatient branch = patient.fork(branchSeed);
                TreatmentAction action = TreatmentAction.fromIndex(a);
                PhysiologyStep next = branch.step(grid.doseOf(action));
                out[0][a][d] = standardizer.standardize(MAP, next.latent().meanBp());
                out[1][a][d] = standardizer.standardize(LACTATE, next.latent().lactate());
                out[2][a][d] = mortality(branch, next, action, generator, grid, branchSeed);
            }
        }
        return out;
    }

    /** 1 for an ICU death, else the 90-day risk at the end, continuing under the behaviour policy. */
    private static double mortality(SimulatedPatient branch, PhysiologyStep first, TreatmentAction action,
            CohortGenerator generator, ActionGrid grid, long branchSeed) {
        Rng rng = new Rng(branchSeed ^ 0x243F6A8885A308D3L);
        StayPolicy policy = generator.policy().forStay(rng.split());
        PhysiologyStep step = first;
        TreatmentAction previous = action;
        while (!step.status().isFinished()) {
            TreatmentAction next = policy.decide(PatientView.of(step, previous), rng).action();
            step = branch.step(grid.doseOf(next));
            previous = next;
        }
        return step.status() == PatientStatus.DIED ? 1 : branch.ninetyDayMortalityRisk();
    }

    /** {@code [outcome: MAP, lactate, death][action]} ensemble-mean predictions for the 25 actions at step t. */
    private static double[][] predict(WorldModel model, StaySequence stay, int t) {
        InputEncoding encoding = model.encoding();
        int width = encoding.inputSize();
        float[] inputs = new float[ACTIONS * width];
        for (int a = 0; a < ACTIONS; a++) {
            encoding.encode(stay.features(), stay.masks(), stay.ventilation(), stay.actions(), t, a, stay.statics(), inputs,
                    a * width);
        }
        List<Prediction> all = model.predictAll(inputs, ACTIONS);
        double[][] out = new double[3][ACTIONS];
        for (Prediction p : all) {
            for (int a = 0; a < ACTIONS; a++) {
                out[0][a] += p.mean(a, MAP) / all.size();
                out[1][a] += p.mean(a, LACTATE) / all.size();
                out[2][a] += p.death()[a] / (double) all.size();
            }
        }
        return out;
    }

    private static double[] mean(double[][] perAction) {
        double[] m = new double[perAction.length];
        for (int a = 0; a < m.length; a++) {
            m[a] = Arrays.stream(perAction[a]).average().orElse(Double.NaN);
        }
        return m;
    }

    /** Counts of sign agreement per outcome × treatment. */
    private static final class Tally {
        private static final String[] OUTCOMES = {"MAP", "lactate"};
        private static final String[] TREATMENTS = {"vasopressor", "fluid"};
        final long[][] pairs = new long[2][2];
        final long[][] determined = new long[2][2];
        final long[][] agree = new long[2][2];
        final long[][] agreeAll = new long[2][2];
        final long[][] extreme = new long[2][2];
        final long[][] extremeAgree = new long[2][2];
        final double[][] simEffect = new double[2][2];
        final double[][] modelEffect = new double[2][2];

        void add(double[][][] sim, double[][] mod) {
            for (int o = 0; o < 2; o++) {
                for (int tr = 0; tr < 2; tr++) {
                    for (int other = 0; other < BINS; other++) {
                        for (int bin = 0; bin < BINS - 1; bin++) {
                            boolean[] r = compare(sim[o], mod[o], action(tr, bin, other), action(tr, bin + 1, other));
                            pairs[o][tr]++;
                            agreeAll[o][tr] += r[1] ? 1 : 0;
                            if (r[0]) {
                                determined[o][tr]++;
                                agree[o][tr] += r[1] ? 1 : 0;
                            }
                            simEffect[o][tr] += difference(sim[o], action(tr, bin, other), action(tr, bin + 1, other));
                            modelEffect[o][tr] += mod[o][action(tr, bin + 1, other)] - mod[o][action(tr, bin, other)];
                        }
                        boolean[] r = compare(sim[o], mod[o], action(tr, 0, other), action(tr, BINS - 1, other));
                        if (r[0]) {
                            extreme[o][tr]++;
                            extremeAgree[o][tr] += r[1] ? 1 : 0;
                        }
                    }
                }
            }
        }

        /** {determined, signs agree} for the effect of going from action {@code low} to {@code high}. */
        private static boolean[] compare(double[][] sim, double[] mod, int low, int high) {
            int draws = sim[low].length;
            double mean = difference(sim, low, high);
            double ss = 0;
            for (int d = 0; d < draws; d++) {
                double diff = sim[high][d] - sim[low][d];
                ss += (diff - mean) * (diff - mean);
            }
            double se = Math.sqrt(ss / (draws - 1) / draws);
            boolean determined = Math.abs(mean) > 2 * se && Math.abs(mean) > 1e-9;
            return new boolean[] {determined, Math.signum(mean) == Math.signum(mod[high] - mod[low])};
        }

        private static double difference(double[][] sim, int low, int high) {
            double sum = 0;
            for (int d = 0; d < sim[low].length; d++) {
                sum += sim[high][d] - sim[low][d];
            }
            return sum / sim[low].length;
        }

        /** Action index with {@code bin} of the treatment and {@code other} of the other drug. */
        private static int action(int treatment, int bin, int other) {
            return treatment == 0 ? new TreatmentAction(other, bin).index() : new TreatmentAction(bin, other).index();
        }

        List<Effect> effects() {
            List<Effect> out = new ArrayList<>();
            for (int o = 0; o < 2; o++) {
                for (int tr = 0; tr < 2; tr++) {
                    out.add(new Effect(OUTCOMES[o], TREATMENTS[tr], pairs[o][tr], determined[o][tr],
                            share(agree[o][tr], determined[o][tr]), share(agreeAll[o][tr], pairs[o][tr]), extreme[o][tr],
                            share(extremeAgree[o][tr], extreme[o][tr]), simEffect[o][tr] / Math.max(1, pairs[o][tr]),
                            modelEffect[o][tr] / Math.max(1, pairs[o][tr])));
                }
            }
            return out;
        }

        private static double share(long k, long n) {
            return n == 0 ? Double.NaN : k / (double) n;
        }
    }
}
