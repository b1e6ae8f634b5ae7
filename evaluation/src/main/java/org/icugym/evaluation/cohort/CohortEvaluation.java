package org.icugym.evaluation.cohort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.cohort.CohortReader;
import org.icugym.core.clinical.cohort.CohortSplit;
import org.icugym.core.clinical.cohort.CohortStay;
import org.icugym.core.clinical.cohort.CohortStep;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.core.clinical.policy.ClinicianPolicy;
import org.icugym.core.clinical.policy.GuidelinePolicy;
import org.icugym.core.clinical.policy.PatientView;
import org.icugym.core.clinical.policy.PolicyValue;
import org.icugym.core.clinical.policy.StayPolicy;
import org.icugym.core.clinical.policy.TreatmentPolicy;
import org.icugym.core.clinical.reward.Outcome;
import org.icugym.core.clinical.reward.RewardState;
import org.icugym.core.clinical.reward.SepsisReward;
import org.icugym.core.clinical.safety.SafetyEvaluator;
import org.icugym.core.clinical.safety.TreatmentContext;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.clinical.score.DerivedFeatures;
import org.icugym.evaluation.baseline.AiClinician;
import org.icugym.evaluation.behaviour.RecordedBehaviour;
import org.icugym.evaluation.bootstrap.ConfidenceInterval;
import org.icugym.evaluation.bootstrap.PatientBootstrap;
import org.icugym.evaluation.data.InvalidDatasetException;
import org.icugym.evaluation.data.Trajectory;
import org.icugym.evaluation.data.TrajectoryDataset;
import org.icugym.evaluation.ope.Clipping;
import org.icugym.evaluation.ope.Estimator;
import org.icugym.evaluation.ope.OffPolicyEvaluator;
import org.icugym.evaluation.ope.OpeResult;
import org.icugym.evaluation.policy.Policy;
import org.icugym.evaluation.qmodel.LinearFqe;
import org.icugym.evaluation.safety.Decision;
import org.icugym.evaluation.safety.SafetyMetrics;

/**
 * Evaluates treatment policies on one split of a cohort directory written by
 * {@code icugym cohort generate} (or {@code cohort import}).
 *
 * <p>Each stay becomes a trajectory with a 12-value feature vector per step (see
 * {@link #features(PatientView)}), the Raghu reward (SOFA and lactate shaping between consecutive
 * steps, ±15 for the 90-day outcome at the last step) and the behaviour probability recorded in the
 * cohort. Returns are undiscounted (gamma 1), like the simulator's true values. Every target
 * policy is estimated with IS, WIS, PDIS, WPDIS, DR and WDR (DR and WDR with a linear FQE
 * Q-model fitted once) with patient-level bootstrap intervals, and with linear FQE whose interval
 * refits the model on each of {@link Settings#fqeResamples()} resamples.
 *
 * <p>Deterministic policies (no treatment, guideline, AI Clinician) are softened: with probability
 * {@link Settings#epsilon()} they take a uniformly random action, so that every logged action has
 * some probability under them; their true values are simulated for the same softened policies.
 * The clinician target is the clinician policy that generated the cohort with its per-stay practice
 * variation (MAP target, fluid liberality, vasopressor readiness) averaged over 32 draws: the
 * cohort does not record each stay's practice, so its importance weights are close to, not
 * exactly, 1.
 *
 * <p>When the split's latent-state file exists the cohort came from the simulator, and the true
 * value of each policy is estimated by {@link PolicyValue#estimate} on
 * {@link PhysiologySimulator#DEFAULT} with the Raghu reward.
 */
public final class CohortEvaluation {

    /** The built-in target policies, by command-line name. */
    public static final List<String> BUILT_IN = List.of("clinician", "no-treatment", "random", "guideline",
            "ai-clinician");

    /** Number of values of {@link #features(PatientView)}. */
    public static final int FEATURES = 12;

    private static final SepsisReward REWARD = SepsisReward.RAGHU;
    private static final ActionGrid GRID = ActionGrid.DEFAULT;
    private static final int ACTIONS = TreatmentAction.COUNT;
    /** Practice draws averaged into the clinician target policy. */
    private static final int CLINICIAN_PRACTICES = 32;
    /** Ridge penalty of the linear FQE: keeps the regressions of rarely logged actions stable at gamma 1. */
    private static final double FQE_RIDGE = 10;

    /**
     * How to evaluate.
     *
     * @param resamples bootstrap resamples of the IS-family estimators
     * @param fqeResamples bootstrap refits of FQE
     * @param seed bootstrap, k-means and simulation seed
     * @param epsilon softening of deterministic policies (0–1)
     * @param trueEpisodes simulated episodes per true value; 0 for none
     * @param aiClinicianClusters k-means states of the AI Clinician at most
     */
    public record Settings(int resamples, int fqeResamples, long seed, double epsilon, int trueEpisodes,
            int aiClinicianClusters) {
        /** Checks the ranges. */
        public Settings {
            if (resamples < 10 || fqeResamples < 10) {
                throw new InvalidDatasetException("need at least 10 bootstrap resamples, got " + resamples + " and "
                        + fqeResamples);
            }
            if (!(epsilon >= 0 && epsilon <= 1)) {
                throw new InvalidDatasetException("softening epsilon must be in [0, 1], got " + epsilon);
            }
            if (trueEpisodes == 1 || trueEpisodes < 0) {
                throw new InvalidDatasetException("true-value episodes must be 0 (none) or at least 2, got "
                        + trueEpisodes);
            }
        }

        /** 2,000 resamples, 50 FQE refits, epsilon 0.01, 2,000 simulated episodes, 200 clusters. */
        public static Settings defaults(long seed) {
            return new Settings(PatientBootstrap.DEFAULT_RESAMPLES, 50, seed, 0.01, 2000, 200);
        }
    }

    /**
     * The evaluation of one target policy.
     *
     * @param policy the policy's name
     * @param estimates IS, WIS, PDIS, WPDIS, DR, WDR and FQE, in that order
     * @param truth the simulated true value, or null when the cohort is not simulator-generated
     * @param safety safety and dosing of the policy's most likely action at each logged step
     */
    public record PolicyResult(String policy, List<OpeResult> estimates, PolicyValue truth, SafetyMetrics safety) {
        /** The result of {@code estimator}. */
        public OpeResult estimate(Estimator estimator) {
            return estimates.stream().filter(r -> r.estimator() == estimator).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no " + estimator + " estimate"));
        }
    }

    /**
     * A whole evaluation.
     *
     * @param cohort the cohort directory
     * @param split the evaluated split
     * @param stays stays of the split
     * @param steps steps of the split
     * @param observedReturn mean undiscounted return of the logged stays
     * @param simulated whether the cohort came from the simulator (true values present)
     * @param settings what was used
     * @param results one per target policy, in the order asked
     */
    public record Result(Path cohort, CohortSplit split, int stays, int steps, double observedReturn,
            boolean simulated, Settings settings, List<PolicyResult> results) {
    }

    private final Path cohort;
    private final CohortSplit split;
    private final Settings settings;
    private final TrajectoryDataset data;
    private final Map<String, PatientView[]> views = new HashMap<>();
    private final Map<String, TreatmentAction[]> clinicianActions = new HashMap<>();

    private CohortEvaluation(Path cohort, CohortSplit split, Settings settings, TrajectoryDataset data) {
        this.cohort = cohort;
        this.split = split;
        this.settings = settings;
        this.data = data;
    }

    /**
     * Reads {@code split} of the cohort directory {@code cohort}.
     *
     * @throws InvalidDatasetException if the directory or the split's file is missing or empty
     */
    public static CohortEvaluation load(Path cohort, CohortSplit split, Settings settings) {
        Objects.requireNonNull(split, "split");
        Path file = splitFile(cohort, split);
        CohortEvaluation e = new CohortEvaluation(cohort, split, settings, null);
        return e.withData(e.trajectories(CohortReader.readAll(file)));
    }

    private static Path splitFile(Path cohort, CohortSplit split) {
        if (!Files.isDirectory(cohort)) {
            throw new InvalidDatasetException("cohort directory " + cohort + " does not exist; create one with "
                    + "'icugym cohort generate --out " + cohort + "'");
        }
        Path file = cohort.resolve(split.fileName());
        if (!Files.isRegularFile(file)) {
            throw new InvalidDatasetException("cohort directory " + cohort + " has no " + split.fileName()
                    + "; is it a cohort written by 'icugym cohort generate' or 'icugym cohort import'?");
        }
        return file;
    }

    private CohortEvaluation withData(TrajectoryDataset d) {
        CohortEvaluation e = new CohortEvaluation(cohort, split, settings, d);
        e.views.putAll(views);
        e.clinicianActions.putAll(clinicianActions);
        return e;
    }

    /** The trajectory dataset of the split. */
    public TrajectoryDataset data() {
        return data;
    }

    /** Whether the cohort was generated by the simulator (its split has a latent-state file). */
    public boolean simulated() {
        return Files.isRegularFile(cohort.resolve(split.latentFileName()));
    }

    private TrajectoryDataset trajectories(List<CohortStay> stays) {
        if (stays.isEmpty()) {
            throw new InvalidDatasetException("split " + split.name().toLowerCase(Locale.ROOT) + " of " + cohort
                    + " has no stays; generate a larger cohort");
        }
        List<Trajectory> list = new ArrayList<>(stays.size());
        for (CohortStay stay : stays) {
            int n = stay.length();
            String id = Long.toString(stay.stayId());
            PatientView[] v = new PatientView[n];
            TreatmentAction[] actions = new TreatmentAction[n];
            double[][] x = new double[n][];
            int[] a = new int[n];
            double[] r = new double[n];
            double[] b = new double[n];
            double[] carried = new double[SepsisSchema.OBSERVED.size()];
            java.util.Arrays.fill(carried, Double.NaN);
            TreatmentAction previous = TreatmentAction.NONE;
            for (int t = 0; t < n; t++) {
                CohortStep s = stay.steps().get(t);
                double[] obs = s.observation().toArray();
                for (int i = 0; i < obs.length; i++) {
                    if (!Double.isNaN(obs[i])) {
                        carried[i] = obs[i];
                    }
                }
                ClinicalObservation o = ClinicalObservation.of(carried.clone());
                boolean ventilated = s.get(SepsisSchema.MECHANICAL_VENTILATION) > 0.5;
                DerivedFeatures derived = DerivedFeatures.compute(o, previous.vasopressorBin() == 0 ? 0
                        : GRID.doseOf(previous).vasopressorMcgKgMin(), ventilated);
                v[t] = new PatientView(t, o, derived, s.cumulativeBalanceMl(), previous);
                x[t] = features(v[t]);
                actions[t] = s.action();
                a[t] = s.action().index();
                double p = s.behaviourProbability();
                if (!(p > 0 && p <= 1)) {
                    throw new InvalidDatasetException("stay " + id + " step " + s.bloc() + " records behaviour "
                            + "probability " + p + "; evaluation needs the recorded behaviour_prob column in (0, 1]");
                }
                b[t] = p;
                previous = s.action();
            }
            for (int t = 0; t < n; t++) {
                r[t] = t + 1 < n ? REWARD.reward(rewardState(v[t]), rewardState(v[t + 1]), Outcome.CONTINUING)
                        : REWARD.reward(rewardState(v[t]), rewardState(v[t]),
                                stay.diedWithin90Days() ? Outcome.DIED : Outcome.SURVIVED);
            }
            views.put(id, v);
            clinicianActions.put(id, actions);
            list.add(new Trajectory(id, null, x, a, r, b));
        }
        return new TrajectoryDataset(list, ACTIONS);
    }

    private static RewardState rewardState(PatientView v) {
        return new RewardState(Math.max(0, Math.min(24, v.derived().sofa().total())), v.lactate());
    }

    /**
     * The feature vector of a decision, the same for cohort rows and simulator steps: MAP, log
     * lactate, SOFA, heart rate, systolic pressure, SpO2, shock index, GCS, cumulative balance,
     * previous fluid and vasopressor bins and the step number, each centred and scaled to about
     * unit range (missing values at the centre).
     */
    public static double[] features(PatientView v) {
        ClinicalObservation o = v.observation();
        double[] x = {
            (v.meanBp() - 75) / 15,
            Math.log(Math.max(0.1, v.lactate()) / 1.5),
            (v.derived().sofa().total() - 6) / 4.0,
            scaled(o.get(SepsisSchema.HEART_RATE), 90, 20),
            scaled(o.get(SepsisSchema.SYSBP), 115, 20),
            scaled(o.get(SepsisSchema.SPO2), 96, 4),
            scaled(v.derived().shockIndex(), 0.8, 0.3),
            scaled(v.derived().gcsTotal(), 13, 3),
            Double.isNaN(v.cumulativeBalanceMl()) ? 0 : v.cumulativeBalanceMl() / 5000,
            v.previousAction().fluidBin() / 4.0,
            v.previousAction().vasopressorBin() / 4.0,
            v.step() / 10.0};
        return x;
    }

    private static double scaled(double value, double centre, double scale) {
        return Double.isFinite(value) ? (value - centre) / scale : 0;
    }

    /**
     * A target policy: probabilities from what a clinician sees; {@code clinician} marks the
     * clinicians, whose true value is simulated with their per-stay practice variation.
     */
    private record Target(String name, Function<PatientView, double[]> probabilities, boolean clinician) {
    }

    /**
     * Evaluates the named built-in policies ({@link #BUILT_IN}); {@code ai-clinician} is fitted
     * on the cohort's train split.
     *
     * @param policies names from {@link #BUILT_IN}
     * @param progress receives a short description before each stage
     * @throws InvalidDatasetException if a name is unknown
     */
    public Result evaluate(List<String> policies, Consumer<String> progress) {
        List<Target> targets = new ArrayList<>();
        for (String name : policies) {
            targets.add(target(name, progress));
        }
        List<PolicyResult> results = new ArrayList<>();
        boolean simulated = simulated() && settings.trueEpisodes() > 0;
        for (Target t : targets) {
            progress.accept(t.name() + ": estimators");
            results.add(evaluate(t, simulated, progress));
        }
        double observed = data.trajectories().stream().mapToDouble(tr -> tr.discountedReturn(1)).average().orElse(0);
        return new Result(cohort, split, data.size(), data.totalSteps(), observed, simulated, settings,
                List.copyOf(results));
    }

    private Target target(String name, Consumer<String> progress) {
        double eps = settings.epsilon();
        return switch (name) {
            case "clinician" -> {
                StayPolicy[] practices = new StayPolicy[CLINICIAN_PRACTICES];
                for (int i = 0; i < practices.length; i++) {
                    practices[i] = ClinicianPolicy.DEFAULT.forStay(new org.icugym.core.random.Rng(settings.seed() + i));
                }
                yield new Target("clinician", v -> {
                    double[] p = new double[ACTIONS];
                    for (StayPolicy practice : practices) {
                        double[] q = practice.probabilities(v);
                        for (int a = 0; a < ACTIONS; a++) {
                            p[a] += q[a] / practices.length;
                        }
                    }
                    return p;
                }, true);
            }
            case "no-treatment" -> new Target("no-treatment", v -> soften(oneHot(TreatmentAction.NONE), eps), false);
            case "random" -> new Target("random", v -> uniform(), false);
            case "guideline" -> new Target("guideline", v -> soften(oneHot(GuidelinePolicy.action(v)), eps), false);
            case "ai-clinician" -> {
                progress.accept("ai-clinician: fitting on the train split");
                AiClinician ai = fitAiClinician();
                yield new Target("ai-clinician",
                        v -> soften(oneHot(TreatmentAction.fromIndex(ai.action(features(v)))), eps), false);
            }
            default -> throw new InvalidDatasetException("unknown policy '" + name + "'; built-in policies are "
                    + String.join(", ", BUILT_IN));
        };
    }

    private AiClinician fitAiClinician() {
        CohortEvaluation train = split == CohortSplit.TRAIN ? this
                : new CohortEvaluation(cohort, CohortSplit.TRAIN, settings, null);
        TrajectoryDataset d = train == this ? data
                : train.trajectories(CohortReader.readAll(splitFile(cohort, CohortSplit.TRAIN)));
        int clusters = Math.max(2, Math.min(settings.aiClinicianClusters(), d.totalSteps() / 20));
        return AiClinician.fit(d, tr -> tr.rewards()[tr.length() - 1] > 0,
                new AiClinician.Settings(clusters, 30, 0.99, 100, 5, settings.seed()));
    }

    private PolicyResult evaluate(Target t, boolean simulated, Consumer<String> progress) {
        Policy policy = new Policy() {
            @Override
            public int numActions() {
                return ACTIONS;
            }

            @Override
            public double[] probabilities(Trajectory trajectory, int step) {
                return t.probabilities().apply(views.get(trajectory.patientId())[step]);
            }

            @Override
            public String name() {
                return t.name();
            }
        };
        PatientBootstrap bootstrap = new PatientBootstrap(data, settings.resamples(), settings.seed(),
                PatientBootstrap.DEFAULT_LEVEL);
        OffPolicyEvaluator evaluator = new OffPolicyEvaluator(data, RecordedBehaviour.INSTANCE, 1.0, Clipping.NONE,
                bootstrap);
        LinearFqe fqe = new LinearFqe(data, policy, 1.0, FQE_RIDGE, true);
        LinearFqe.Fit full;
        try {
            full = fqe.fit();
        } catch (IllegalStateException diverged) {
            throw new InvalidDatasetException("linear FQE of '" + t.name() + "' diverges on split "
                    + split.name().toLowerCase(Locale.ROOT) + " of " + cohort + " (" + data.size()
                    + " stays): evaluate a larger split or cohort");
        }
        List<OpeResult> estimates = new ArrayList<>(evaluator.importanceSampling(policy, full.qModel()));
        progress.accept(t.name() + ": FQE bootstrap");
        PatientBootstrap fqeBootstrap = new PatientBootstrap(data, settings.fqeResamples(), settings.seed() + 1,
                PatientBootstrap.DEFAULT_LEVEL);
        double[] replicates = java.util.Arrays.stream(fqeBootstrap.replicates(m -> {
            try {
                return fqe.fit(m).value();
            } catch (IllegalStateException diverged) {
                return Double.NaN; // a resample too small for some action's regression; left out of the interval
            }
        })).filter(Double::isFinite).toArray();
        ConfidenceInterval ci = replicates.length < 2
                ? new ConfidenceInterval(Double.NaN, Double.NaN, PatientBootstrap.DEFAULT_LEVEL, 0, Double.NaN)
                : PatientBootstrap.percentile(replicates, PatientBootstrap.DEFAULT_LEVEL);
        estimates.add(new OpeResult(Estimator.FQE, t.name(), full.value(), ci, data.size(), 1, 1, Clipping.NONE, 0,
                data.size(), data.numPatients()));
        SafetyMetrics safety = SafetyMetrics.of(decisions(policy), SafetyEvaluator.DEFAULT);
        PolicyValue truth = null;
        if (simulated) {
            progress.accept(t.name() + ": simulating the true value");
            TreatmentPolicy simulatedPolicy = t.clinician() ? ClinicianPolicy.DEFAULT : new TreatmentPolicy() {
                @Override
                public String name() {
                    return t.name();
                }

                @Override
                public StayPolicy forStay(org.icugym.core.random.Rng practice) {
                    return t.probabilities()::apply;
                }
            };
            truth = PolicyValue.estimate(simulatedPolicy, PhysiologySimulator.DEFAULT, REWARD, GRID,
                    1_000_000 + settings.seed(), settings.trueEpisodes());
        }
        return new PolicyResult(t.name(), List.copyOf(estimates), truth, safety);
    }

    /** The policy's most likely action at each logged step, beside the clinician's. */
    private List<Decision> decisions(Policy policy) {
        List<Decision> out = new ArrayList<>(data.totalSteps());
        for (Trajectory tr : data.trajectories()) {
            PatientView[] v = views.get(tr.patientId());
            TreatmentAction[] clinician = clinicianActions.get(tr.patientId());
            for (int t = 0; t < tr.length(); t++) {
                double[] p = policy.probabilities(tr, t);
                int best = clinician[t].index();
                for (int a = 0; a < p.length; a++) {
                    if (p[a] > p[best]) {
                        best = a;
                    }
                }
                TreatmentAction rec = TreatmentAction.fromIndex(best);
                out.add(new Decision(TreatmentContext.of(v[t].observation(), v[t].cumulativeBalanceMl(), rec,
                        GRID.doseOf(rec), t == 0 ? null : clinician[t - 1]), clinician[t]));
            }
        }
        return out;
    }

    private static double[] oneHot(TreatmentAction a) {
        double[] p = new double[ACTIONS];
        p[a.index()] = 1;
        return p;
    }

    private static double[] uniform() {
        double[] p = new double[ACTIONS];
        java.util.Arrays.fill(p, 1.0 / ACTIONS);
        return p;
    }

    private static double[] soften(double[] p, double eps) {
        double[] q = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            q[i] = (1 - eps) * p[i] + eps / p.length;
        }
        return q;
    }

    /** The per-policy results as a name-keyed map, in order. */
    public static Map<String, PolicyResult> byName(Result r) {
        Map<String, PolicyResult> m = new LinkedHashMap<>();
        r.results().forEach(p -> m.put(p.policy(), p));
        return m;
    }
}
