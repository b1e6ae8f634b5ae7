package org.icugym.core.clinical.cohort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.action.DoseBins;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.action.TreatmentDose;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.core.clinical.physiology.PhysiologyStep;
import org.icugym.core.clinical.physiology.SimulatedPatient;
import org.icugym.core.clinical.policy.ClinicianPolicy;
import org.icugym.core.clinical.policy.PatientView;
import org.icugym.core.clinical.policy.StayPolicy;
import org.icugym.core.clinical.policy.TreatmentPolicy;
import org.icugym.core.clinical.reward.Outcome;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.clinical.score.DerivedFeatures;
import org.icugym.core.random.Rng;

/**
 * Generates a synthetic sepsis cohort: stays of the reference simulator treated by a behaviour
 * policy (by default {@link ClinicianPolicy}), recorded in the {@link CohortSchema} layout and
 * split by stay into train (70 %), validation (15 %) and test (15 %).
 *
 * <p>Deterministic: stay {@code k} (id {@code k + 1}) of seed {@code s} is the simulator patient
 * of seed {@code s × 0x9E3779B97F4A7C15 + k + 1}, treated with its own policy stream, so the same
 * seed gives the same files. Within a bin the recorded dose is drawn uniformly (bin 4: above the
 * last cut-point with an exponential tail); recorded values are rounded to 3 decimals
 * (doses: 1 decimal for fluid, 3 for vasopressors).
 *
 * @param policy the behaviour policy
 * @param simulator the reference simulator (its window is the longest stay)
 * @param grid the action grid whose bins the doses are drawn in
 */
public record CohortGenerator(TreatmentPolicy policy, PhysiologySimulator simulator, ActionGrid grid) {
    private static final long POLICY_STREAM = 0x243F6A8885A308D3L;
    private static final long PATIENT_STRIDE = 0x9E3779B97F4A7C15L;
    private static final double TRAIN_SHARE = 0.70;
    private static final double VALIDATION_SHARE = 0.15;

    /** The default generator: clinician policy, default simulator and grid. */
    public static final CohortGenerator DEFAULT =
            new CohortGenerator(ClinicianPolicy.DEFAULT, PhysiologySimulator.DEFAULT, ActionGrid.DEFAULT);

    /** Requires every part. */
    public CohortGenerator {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(grid, "grid");
    }

    /**
     * What a generation run wrote.
     *
     * @param directory the output directory
     * @param stays stays per split
     * @param rows rows (steps) per split
     * @param deaths 90-day deaths over all stays
     */
    public record Result(Path directory, Map<CohortSplit, Integer> stays, Map<CohortSplit, Long> rows, int deaths) {
        /** Total number of stays. */
        public int totalStays() {
            return stays.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Total number of rows. */
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One generated stay with the latent state of each row (validation only). */
    public interface LatentSink {
        /** Receives the latent state of one row; see {@link LatentTable#write}. */
        void accept(long stayId, int bloc, PhysiologyStep step, SimulatedPatient patient);
    }

    /**
     * Writes a cohort of {@code stays} stays to {@code directory} (created if needed): one cohort
     * file and one latent-state file per split.
     *
     * @param directory output directory
     * @param stays number of stays, at least 1
     * @param seed the cohort's seed
     * @param progress called with the number of stays done after each stay
     */
    public Result write(Path directory, int stays, long seed, LongConsumer progress) {
        if (stays < 1) {
            throw new IllegalArgumentException("the number of stays must be at least 1, got " + stays);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + directory + ": " + e.getMessage(), e);
        }
        Map<CohortSplit, CohortWriter> writers = new EnumMap<>(CohortSplit.class);
        Map<CohortSplit, LatentTable> latents = new EnumMap<>(CohortSplit.class);
        Map<CohortSplit, Integer> stayCounts = new EnumMap<>(CohortSplit.class);
        Map<CohortSplit, Long> rowCounts = new EnumMap<>(CohortSplit.class);
        int deaths = 0;
        try {
            for (CohortSplit split : CohortSplit.values()) {
                writers.put(split, CohortWriter.create(directory.resolve(split.fileName())));
                latents.put(split, LatentTable.create(directory.resolve(split.latentFileName())));
                stayCounts.put(split, 0);
                rowCounts.put(split, 0L);
            }
            for (int k = 0; k < stays; k++) {
                long stayId = k + 1;
                CohortSplit split = splitOf(seed, stayId);
                LatentTable latent = latents.get(split);
                CohortStay stay = stay(seed, stayId, (id, bloc, step, patient) ->
                        latent.write(id, bloc, step.latent(), patient.profile(), patient.ninetyDayMortalityRisk()));
                writers.get(split).write(stay);
                stayCounts.merge(split, 1, Integer::sum);
                rowCounts.merge(split, (long) stay.length(), Long::sum);
                deaths += stay.diedWithin90Days() ? 1 : 0;
                progress.accept(k + 1L);
            }
        } finally {
            writers.values().forEach(CohortWriter::close);
            latents.values().forEach(LatentTable::close);
        }
        return new Result(directory, stayCounts, rowCounts, deaths);
    }

    /** The stays with ids {@code 1..stays} of a seed, in memory (without latent states). */
    public List<CohortStay> generate(int stays, long seed) {
        List<CohortStay> all = new ArrayList<>(stays);
        for (int k = 0; k < stays; k++) {
            all.add(stay(seed, k + 1, (id, bloc, step, patient) -> { }));
        }
        return all;
    }

    /** The split of a stay: a deterministic draw from the seed and the stay id. */
    public static CohortSplit splitOf(long seed, long stayId) {
        double u = new Rng(seed ^ stayId * PATIENT_STRIDE ^ POLICY_STREAM).nextDouble();
        return u < TRAIN_SHARE ? CohortSplit.TRAIN : u < TRAIN_SHARE + VALIDATION_SHARE ? CohortSplit.VALIDATION
                : CohortSplit.TEST;
    }

    /**
     * Simulates one stay.
     *
     * @param seed the cohort's seed
     * @param stayId the stay's id (1-based)
     * @param latent receives each row's latent state
     */
    public CohortStay stay(long seed, long stayId, LatentSink latent) {
        long patientSeed = seed * PATIENT_STRIDE + stayId;
        SimulatedPatient patient = simulator.admit(patientSeed);
        Rng rng = new Rng(patientSeed ^ POLICY_STREAM);
        StayPolicy stayPolicy = policy.forStay(rng.split());
        double[] held = new double[SepsisSchema.OBSERVED.size()];
        Arrays.fill(held, Double.NaN);
        List<CohortStep> steps = new ArrayList<>();
        PhysiologyStep step = patient.current();
        TreatmentAction previous = TreatmentAction.NONE;
        while (!step.status().isFinished()) {
            StayPolicy.Decision decision = stayPolicy.decide(PatientView.of(step, previous), rng);
            TreatmentDose dose = doseIn(decision.action(), rng);
            int bloc = step.step() + 1;
            steps.add(new CohortStep(bloc, record(step, held), dose, decision.action(), decision.probability(),
                    CsvFiles.round(step.latent().cumulativeInputMl(), 1), CsvFiles.round(step.latent().cumulativeOutputMl(), 1)));
            latent.accept(stayId, bloc, step, patient);
            step = patient.step(dose);
            previous = decision.action();
        }
        return new CohortStay(stayId, steps, step.outcome() == Outcome.DIED);
    }

    /** The row's features: the step's observation rounded, then derived features of the held view. */
    private static double[] record(PhysiologyStep step, double[] held) {
        double[] observed = step.observation().toArray();
        double[] features = new double[CohortSchema.FEATURES.size()];
        for (int i = 0; i < observed.length; i++) {
            double v = CsvFiles.round(observed[i], 3);
            features[i] = v;
            if (!Double.isNaN(v)) {
                held[i] = v;
            }
        }
        double[] derived = DerivedFeatures.compute(ClinicalObservation.of(held), step.latent().vasopressorDose(),
                step.latent().ventilated()).toArray();
        for (int d = 0; d < derived.length; d++) {
            features[observed.length + d] = CsvFiles.round(derived[d], 3);
        }
        return features;
    }

    /** A recorded dose inside the action's bins. */
    TreatmentDose doseIn(TreatmentAction action, Rng rng) {
        double fluid = CsvFiles.round(doseIn(grid.fluid(), action.fluidBin(), 300, 2000, rng), 1);
        double vaso = CsvFiles.round(doseIn(grid.vasopressor(), action.vasopressorBin(), 0.2, 1.5, rng), 3);
        TreatmentDose dose = new TreatmentDose(fluid, vaso);
        return grid.actionOf(dose).equals(action) ? dose : grid.doseOf(action);
    }

    private static double doseIn(DoseBins bins, int bin, double tailMean, double cap, Rng rng) {
        double u = rng.nextDouble();
        if (bin == 0) {
            return 0;
        }
        double low = bins.lowerEdge(bin);
        if (bin == DoseBins.BIN_COUNT - 1) {
            return Math.min(cap, low - tailMean * Math.log(1 - u));
        }
        double high = bins.upperEdge(bin);
        return bin == 1 ? high * (0.1 + 0.9 * u) : low + (high - low) * u;
    }
}
