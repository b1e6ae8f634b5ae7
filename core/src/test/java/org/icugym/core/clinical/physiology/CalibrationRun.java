package org.icugym.core.clinical.physiology;

import java.util.List;
import java.util.Locale;
import org.icugym.core.clinical.action.TreatmentDose;
import org.icugym.core.clinical.reward.Outcome;
import org.icugym.core.clinical.schema.Feature;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.random.Rng;

/**
 * The calibration run behind the tables of {@code docs/physiology.md}: simulates stays under a
 * simple MAP-targeted treatment (or none) and prints feature statistics and outcomes.
 *
 * <p>Run after {@code ./mvnw -o -q -pl core test-compile}:
 * {@code java -cp core/target/classes:core/target/test-classes
 * org.icugym.core.clinical.physiology.CalibrationRun 20000 [none]}.
 */
public final class CalibrationRun {
    private static final List<Feature> FEATURES = List.of(SepsisSchema.HEART_RATE, SepsisSchema.SYSBP,
            SepsisSchema.MEANBP, SepsisSchema.RESP_RATE, SepsisSchema.SPO2, SepsisSchema.TEMP_C, SepsisSchema.FIO2,
            SepsisSchema.LACTATE, SepsisSchema.CREATININE, SepsisSchema.PLATELET, SepsisSchema.PH, SepsisSchema.WBC,
            SepsisSchema.AGE, SepsisSchema.CHARLSON_INDEX);

    private CalibrationRun() {}

    /** The MAP-targeted test treatment (mL/4h, mcg/kg/min) for a step, with some randomness. */
    static TreatmentDose mapTargeted(LatentState s, Rng rng) {
        double map = s.meanBp() + 2 * rng.nextGaussian();
        double vaso = map < 60 ? 0.25 : map < 65 ? 0.1 : s.vasopressorDose() > 0 && map < 72 ? 0.6 * s.vasopressorDose() : 0;
        vaso = vaso < 0.02 ? 0 : vaso;
        double u = rng.nextDouble();
        double fluid = (map < 65 || s.lactate() > 2) && s.cumulativeBalanceMl() < 6000 ? (u < 0.5 ? 500 : 250)
                : u < 0.25 ? 0 : u < 0.6 ? 30 : u < 0.85 ? 100 : 300;
        return new TreatmentDose(fluid, vaso);
    }

    /** Runs {@code args[0]} stays (seeds 0..n-1); {@code args[1] = none} withholds all treatment. */
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        boolean treat = !(args.length > 1 && args[1].equals("none"));
        double[] sum = new double[FEATURES.size()];
        double[] squares = new double[FEATURES.size()];
        int[] count = new int[FEATURES.size()];
        int deaths = 0;
        int icuDeaths = 0;
        int discharges = 0;
        int steps = 0;
        double sofa = 0;
        Rng rng = new Rng(99);
        for (int seed = 0; seed < n; seed++) {
            SimulatedPatient patient = PhysiologySimulator.DEFAULT.admit(seed);
            PhysiologyStep step = patient.current();
            while (true) {
                for (int k = 0; k < FEATURES.size(); k++) {
                    double v = step.observation().get(FEATURES.get(k));
                    if (!Double.isNaN(v)) {
                        sum[k] += v;
                        squares[k] += v * v;
                        count[k]++;
                    }
                }
                sofa += step.derived().sofa().total();
                if (step.status().isFinished()) {
                    break;
                }
                steps++;
                step = patient.step(treat ? mapTargeted(step.latent(), rng) : TreatmentDose.NONE);
            }
            deaths += step.outcome() == Outcome.DIED ? 1 : 0;
            icuDeaths += step.status() == PatientStatus.DIED ? 1 : 0;
            discharges += step.status() == PatientStatus.DISCHARGED ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "stays %d, 90-day mortality %.3f, ICU deaths %.3f, discharged %.3f, "
                + "steps per stay %.2f, mean SOFA %.2f%n", n, (double) deaths / n, (double) icuDeaths / n,
                (double) discharges / n, (double) steps / n, sofa / (steps + n));
        for (int k = 0; k < FEATURES.size(); k++) {
            double mean = sum[k] / count[k];
            System.out.printf(Locale.ROOT, "%-16s %9.3f ± %8.3f%n", FEATURES.get(k).name(), mean,
                    Math.sqrt(squares[k] / count[k] - mean * mean));
        }
    }
}
