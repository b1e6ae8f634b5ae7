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
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.cohort.CohortReader;
import org.icugym.core.clinical.cohort.CohortSplit;
import org.icugym.core.clinical.cohort.CohortStay;
import org.icugym.core.clinical.cohort.CohortStep;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.core.clinical.physiology.PhysiologyStep;
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
import org.icugym.core.envs.physiology.PhysiologyObservation;
import org.icugym.evaluation.baseline.AiClinician;
import org.icugym.evaluation.behaviour.BehaviourModel;
import org.icugym.evaluation.behaviour.KnnBehaviour;
import org.icugym.evaluation.behaviour.LogisticBehaviour;
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
 * <p>Any {@link TargetPolicy} can be evaluated ({@link #evaluateTargets}): it answers for batches
 * of {@link DecisionInput}s, once for every logged step of the split and, for the true value, once
 * per lockstep step of {@link Settings#trueEpisodes()} simulated patients.
 *
 * <p>The behaviour policy is the cohort's recorded {@code behaviour_prob} by default, or estimated
 * from the split's feature vectors by multinomial logistic regression or k nearest neighbours
 * ({@link Behaviour}), softened by {@link Settings#behaviourEpsilon()}.
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
    /** Ridge penalty of the logistic behaviour model. */
    private static final double LOGISTIC_RIDGE = 1e-3;
    /** Neighbours of the k-NN behaviour model. */
    private static final int KNN_NEIGHBOURS = 50;
    /** Decisions per call of a target policy on the cohort. */
    private static final int COHORT_BATCH = 2048;
    /** Simulated episodes run in lockstep for a target policy's true value. */
    private static final int SIMULATION_BATCH = 500;

    /** How the behaviour policy's probabilities are obtained. */
    public enum Behaviour {
        /** The probabilities the cohort recorded ({@code behaviour_prob}). */
        RECORDED,
        /** Multinomial logistic regression on the 12 features ({@link LogisticBehaviour}, ridge 1e-3). */
        LOGISTIC,
        /** The 50 nearest logged steps in the 12 features ({@link KnnBehaviour}). */
        KNN;

        /** The command-line name, e.g. {@code "logistic"}. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How to evaluate.
     *
     * @param resamples bootstrap resamples of the IS-family estimators
     * @param fqeResamples bootstrap refits of FQE
     * @param seed bootstrap, k-means and simulation seed
     * @param epsilon softening of deterministic policies (0–1)
     * @param trueEpisodes simulated episodes per true value; 0 for none
     * @param aiClinicianClusters k-means states of the AI Clinician at most
     * @param behaviour how the behaviour probabilities are obtained
     * @param behaviourEpsilon softening of an estimated behaviour model, in [0, 1)
     */
    public record Settings(int resamples, int fqeResamples, long seed, double epsilon, int trueEpisodes,
            int aiClinicianClusters, Behaviour behaviour, double behaviourEpsilon) {
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
            Objects.requireNonNull(behaviour, "behaviour");
            if (!(behaviourEpsilon >= 0 && behaviourEpsilon < 1)) {
                throw new InvalidDatasetException("behaviour softening epsilon must be in [0, 1), got "
                        + behaviourEpsilon);
            }
        }

        /** Settings with the recorded behaviour probabilities. */
        public Settings(int resamples, int fqeResamples, long seed, double epsilon, int trueEpisodes,
                int aiClinicianClusters) {
            this(resamples, fqeResamples, seed, epsilon, trueEpisodes, aiClinicianClusters, Behaviour.RECORDED, 0.01);
        }

        /** These settings with another behaviour model. */
        public Settings withBehaviour(Behaviour b, double e) {
            return new Settings(resamples, fqeResamples, seed, epsilon, trueEpisodes, aiClinicianClusters, b, e);
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
     * @param behaviour how the behaviour probabilities were obtained (the model's description)
     * @param results one per target policy, in the order asked
     */
    public record Result(Path cohort, CohortSplit split, int stays, int steps, double observedReturn,
            boolean simulated, Settings settings, String behaviour, List<PolicyResult> results) {
    }

    private final Path cohort;
    private final CohortSplit split;
    private final Settings settings;
    private final TrajectoryDataset data;
    private final Map<String, DecisionInput[]> inputs = new HashMap<>();
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
        e.inputs.putAll(inputs);
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
            DecisionInput[] in = new DecisionInput[n];
            boolean recorded = true;
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
                float[] row = new float[PhysiologyObservation.DIM];
                PhysiologyObservation.write(o, s.observation(), previous.vasopressorBin() == 0 ? 0
                        : GRID.doseOf(previous).vasopressorMcgKgMin(), ventilated, previous, row, 0);
                in[t] = new DecisionInput(v[t], row);
                x[t] = features(v[t]);
                actions[t] = s.action();
                a[t] = s.action().index();
                double p = s.behaviourProbability();
                if (!(p > 0 && p <= 1)) {
                    if (settings.behaviour() == Behaviour.RECORDED) {
                        throw new InvalidDatasetException("stay " + id + " step " + s.bloc() + " records behaviour "
                                + "probability " + p + "; evaluation with the recorded behaviour needs the "
                                + "behaviour_prob column in (0, 1]: estimate the behaviour instead (--behaviour "
                                + "logistic or knn)");
                    }
                    recorded = false;
                }
                b[t] = p;
                previous = s.action();
            }
            for (int t = 0; t < n; t++) {
                r[t] = t + 1 < n ? REWARD.reward(rewardState(v[t]), rewardState(v[t + 1]), Outcome.CONTINUING)
                        : REWARD.reward(rewardState(v[t]), rewardState(v[t]),
                                stay.diedWithin90Days() ? Outcome.DIED : Outcome.SURVIVED);
            }
            inputs.put(id, in);
            clinicianActions.put(id, actions);
            list.add(new Trajectory(id, null, x, a, r, recorded ? b : null));
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
     * The clinician policy that generated the cohort, its practice variation averaged over
     * {@value #CLINICIAN_PRACTICES} draws for the estimates; its true value is simulated with each
     * stay's own practice.
     */
    private static final class ClinicianTarget implements TargetPolicy {
        private final StayPolicy[] practices = new StayPolicy[CLINICIAN_PRACTICES];

        ClinicianTarget(long seed) {
            for (int i = 0; i < practices.length; i++) {
                practices[i] = ClinicianPolicy.DEFAULT.forStay(new org.icugym.core.random.Rng(seed + i));
            }
        }

        @Override
        public String name() {
            return "clinician";
        }

        @Override
        public double[][] probabilities(List<DecisionInput> in) {
            double[][] out = new double[in.size()][];
            for (int i = 0; i < out.length; i++) {
                double[] p = new double[ACTIONS];
                for (StayPolicy practice : practices) {
                    double[] q = practice.probabilities(in.get(i).view());
                    for (int a = 0; a < ACTIONS; a++) {
                        p[a] += q[a] / practices.length;
                    }
                }
                out[i] = p;
            }
            return out;
        }
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
        List<TargetPolicy> targets = new ArrayList<>();
        for (String name : policies) {
            targets.add(builtIn(name, progress));
        }
        return evaluateTargets(targets, progress);
    }

    /**
     * Evaluates any target policies: estimates on the split and, for a simulator cohort, true values.
     *
     * @param targets the policies, evaluated in this order
     * @param progress receives a short description before each stage
     */
    public Result evaluateTargets(List<TargetPolicy> targets, Consumer<String> progress) {
        BehaviourModel behaviour = behaviourModel(progress);
        List<PolicyResult> results = new ArrayList<>();
        boolean simulated = simulated() && settings.trueEpisodes() > 0;
        for (TargetPolicy t : targets) {
            progress.accept(t.name() + ": estimators");
            results.add(evaluate(t, behaviour, simulated, progress));
        }
        double observed = data.trajectories().stream().mapToDouble(tr -> tr.discountedReturn(1)).average().orElse(0);
        return new Result(cohort, split, data.size(), data.totalSteps(), observed, simulated, settings,
                behaviour.description(), List.copyOf(results));
    }

    private BehaviourModel behaviourModel(Consumer<String> progress) {
        return switch (settings.behaviour()) {
            case RECORDED -> RecordedBehaviour.INSTANCE;
            case LOGISTIC -> {
                progress.accept("behaviour: fitting multinomial logistic regression");
                yield LogisticBehaviour.fit(data, LOGISTIC_RIDGE, settings.behaviourEpsilon());
            }
            case KNN -> {
                progress.accept("behaviour: k nearest neighbours");
                yield KnnBehaviour.fit(data, Math.min(KNN_NEIGHBOURS, data.totalSteps() - 1),
                        settings.behaviourEpsilon());
            }
        };
    }

    /**
     * A built-in policy by name; {@code ai-clinician} is fitted on the cohort's train split here.
     *
     * @throws InvalidDatasetException if the name is not one of {@link #BUILT_IN}
     */
    public TargetPolicy builtIn(String name, Consumer<String> progress) {
        double eps = settings.epsilon();
        return switch (name) {
            case "clinician" -> new ClinicianTarget(settings.seed());
            case "no-treatment" -> new GreedyTarget("no-treatment", in -> new int[in.size()], eps);
            case "random" -> new TargetPolicy() {
                @Override
                public String name() {
                    return "random";
                }

                @Override
                public double[][] probabilities(List<DecisionInput> in) {
                    double[][] p = new double[in.size()][];
                    java.util.Arrays.setAll(p, i -> uniform());
                    return p;
                }
            };
            case "guideline" -> new GreedyTarget("guideline",
                    in -> in.stream().mapToInt(d -> GuidelinePolicy.action(d.view()).index()).toArray(), eps);
            case "ai-clinician" -> {
                progress.accept("ai-clinician: fitting on the train split");
                AiClinician ai = fitAiClinician();
                yield new GreedyTarget("ai-clinician",
                        in -> in.stream().mapToInt(d -> ai.action(d.features())).toArray(), eps);
            }
            default -> throw new InvalidDatasetException("unknown policy '" + name + "'; built-in policies are "
                    + String.join(", ", BUILT_IN));
        };
    }

    /**
     * The trajectories of the cohort's train split (for fitting a policy on it), with the same
     * features and rewards as the evaluated split.
     */
    public TrajectoryDataset trainData() {
        if (split == CohortSplit.TRAIN) {
            return data;
        }
        CohortEvaluation train = new CohortEvaluation(cohort, CohortSplit.TRAIN, settings, null);
        return train.trajectories(CohortReader.readAll(splitFile(cohort, CohortSplit.TRAIN)));
    }

    private AiClinician fitAiClinician() {
        TrajectoryDataset d = trainData();
        int clusters = Math.max(2, Math.min(settings.aiClinicianClusters(), d.totalSteps() / 20));
        return AiClinician.fit(d, tr -> tr.rewards()[tr.length() - 1] > 0,
                new AiClinician.Settings(clusters, 30, 0.99, 100, 5, settings.seed()));
    }

    /** The target's probabilities at every logged step, asked in batches; checked. */
    private Map<String, double[][]> cohortProbabilities(TargetPolicy t) {
        List<String> ids = new ArrayList<>();
        List<DecisionInput> all = new ArrayList<>(data.totalSteps());
        for (Trajectory tr : data.trajectories()) {
            ids.add(tr.patientId());
            all.addAll(List.of(inputs.get(tr.patientId())));
        }
        double[][] p = new double[all.size()][];
        for (int from = 0; from < all.size(); from += COHORT_BATCH) {
            int to = Math.min(all.size(), from + COHORT_BATCH);
            double[][] batch = checked(t, t.probabilities(all.subList(from, to)), to - from);
            System.arraycopy(batch, 0, p, from, batch.length);
        }
        Map<String, double[][]> byStay = new HashMap<>();
        int k = 0;
        for (Trajectory tr : data.trajectories()) {
            byStay.put(tr.patientId(), java.util.Arrays.copyOfRange(p, k, k + tr.length()));
            k += tr.length();
        }
        return byStay;
    }

    private static double[][] checked(TargetPolicy t, double[][] p, int rows) {
        if (p.length != rows) {
            throw new IllegalStateException("policy " + t.name() + " answered " + p.length + " rows for " + rows
                    + " decisions");
        }
        for (double[] row : p) {
            double sum = 0;
            boolean ok = row.length == ACTIONS;
            for (int a = 0; ok && a < ACTIONS; a++) {
                ok = row[a] >= 0 && row[a] <= 1 + 1e-9;
                sum += row[a];
            }
            if (!ok || Math.abs(sum - 1) > 1e-4) {
                throw new IllegalStateException("policy " + t.name() + " gave " + java.util.Arrays.toString(row)
                        + ": need " + ACTIONS + " probabilities in [0, 1] summing to 1");
            }
        }
        return p;
    }

    private PolicyResult evaluate(TargetPolicy t, BehaviourModel behaviour, boolean simulated,
            Consumer<String> progress) {
        Map<String, double[][]> probabilities = cohortProbabilities(t);
        Policy policy = new Policy() {
            @Override
            public int numActions() {
                return ACTIONS;
            }

            @Override
            public double[] probabilities(Trajectory trajectory, int step) {
                return probabilities.get(trajectory.patientId())[step];
            }

            @Override
            public String name() {
                return t.name();
            }
        };
        PatientBootstrap bootstrap = new PatientBootstrap(data, settings.resamples(), settings.seed(),
                PatientBootstrap.DEFAULT_LEVEL);
        OffPolicyEvaluator evaluator = new OffPolicyEvaluator(data, behaviour, 1.0, Clipping.NONE, bootstrap);
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
            truth = trueValue(t);
        }
        return new PolicyResult(t.name(), List.copyOf(estimates), truth, safety);
    }

    /**
     * The simulated true value: the clinicians with each stay's own practice, other policies in
     * lockstep batches on the same patients.
     */
    private PolicyValue trueValue(TargetPolicy t) {
        long firstSeed = 1_000_000 + settings.seed();
        if (t instanceof ClinicianTarget) {
            return PolicyValue.estimate(ClinicianPolicy.DEFAULT, PhysiologySimulator.DEFAULT, REWARD, GRID, firstSeed,
                    settings.trueEpisodes());
        }
        PolicyValue.BatchPolicy batch = (steps, previous) -> {
            List<DecisionInput> in = new ArrayList<>(steps.size());
            for (int i = 0; i < steps.size(); i++) {
                in.add(simulatorInput(steps.get(i), previous.get(i)));
            }
            return checked(t, t.probabilities(in), in.size());
        };
        return PolicyValue.estimate(t.name(), batch, PhysiologySimulator.DEFAULT, REWARD, GRID, firstSeed,
                settings.trueEpisodes(), SIMULATION_BATCH);
    }

    /** The decision input of a simulator step, built like a cohort row's. */
    public static DecisionInput simulatorInput(PhysiologyStep step, TreatmentAction previous) {
        float[] row = new float[PhysiologyObservation.DIM];
        PhysiologyObservation.write(step, previous, row, 0);
        return new DecisionInput(PatientView.of(step, previous), row);
    }

    /** The decision inputs of the split's logged steps, stay by stay in the dataset's order. */
    public List<DecisionInput> decisionInputs() {
        List<DecisionInput> all = new ArrayList<>(data.totalSteps());
        for (Trajectory tr : data.trajectories()) {
            all.addAll(List.of(inputs.get(tr.patientId())));
        }
        return all;
    }

    /** The policy's most likely action at each logged step, beside the clinician's. */
    private List<Decision> decisions(Policy policy) {
        List<Decision> out = new ArrayList<>(data.totalSteps());
        for (Trajectory tr : data.trajectories()) {
            DecisionInput[] v = inputs.get(tr.patientId());
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
                PatientView view = v[t].view();
                out.add(new Decision(TreatmentContext.of(view.observation(), view.cumulativeBalanceMl(), rec,
                        GRID.doseOf(rec), t == 0 ? null : clinician[t - 1]), clinician[t]));
            }
        }
        return out;
    }

    private static double[] uniform() {
        double[] p = new double[ACTIONS];
        java.util.Arrays.fill(p, 1.0 / ACTIONS);
        return p;
    }

    /** The per-policy results as a name-keyed map, in order. */
    public static Map<String, PolicyResult> byName(Result r) {
        Map<String, PolicyResult> m = new LinkedHashMap<>();
        r.results().forEach(p -> m.put(p.policy(), p));
        return m;
    }
}
