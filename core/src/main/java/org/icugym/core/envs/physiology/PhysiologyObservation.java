package org.icugym.core.envs.physiology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.icugym.core.clinical.action.DoseBins;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.physiology.PhysiologyStep;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.Feature;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.clinical.score.DerivedFeatures;
import org.icugym.core.space.BoxSpace;

/**
 * The observation layout of {@code Sepsis-Physiology-v1}: {@value #DIM} float32 values in schema
 * units (not normalised).
 *
 * <ol>
 *   <li>[0, 42): the 42 observed features of {@link SepsisSchema#OBSERVED}, imputed by sample and
 *       hold (each feature's latest recorded value) and, if never recorded in the stay, by a
 *       fixed normal value ({@link #imputedValue});</li>
 *   <li>[42, 54): the 12 derived features of {@link SepsisSchema#DERIVED_FEATURES}, computed from
 *       the imputed features;</li>
 *   <li>[54, 56): the previous action's fluid and vasopressor bins (0 at admission);</li>
 *   <li>[56, 95): the missingness mask of the 39 dynamic features: 1 where the feature was not
 *       measured at this step (its value above is carried forward or imputed), 0 where it was.</li>
 * </ol>
 */
public final class PhysiologyObservation {
    /** Number of observed features. */
    public static final int OBSERVED = SepsisSchema.OBSERVED.size();
    /** Number of derived features. */
    public static final int DERIVED = SepsisSchema.DERIVED_FEATURES.size();
    /** Number of dynamic features (the mask's length). */
    public static final int DYNAMIC = SepsisSchema.DYNAMIC_FEATURES.size();
    /** Offset of the previous action's bins. */
    public static final int PREVIOUS_ACTION = OBSERVED + DERIVED;
    /** Offset of the missingness mask. */
    public static final int MASK = PREVIOUS_ACTION + 2;
    /** Length of one observation. */
    public static final int DIM = MASK + DYNAMIC;

    private static final Map<String, Double> NORMAL = Map.ofEntries(
            Map.entry("heart_rate", 85.0), Map.entry("sysbp", 120.0), Map.entry("diabp", 60.0), Map.entry("meanbp", 78.0),
            Map.entry("resp_rate", 18.0), Map.entry("spo2", 97.0), Map.entry("temp_c", 37.0), Map.entry("fio2", 21.0),
            Map.entry("gcs_eye", 4.0), Map.entry("gcs_verbal", 5.0), Map.entry("gcs_motor", 6.0),
            Map.entry("albumin", 3.0), Map.entry("alt", 30.0), Map.entry("ast", 35.0), Map.entry("base_excess", 0.0),
            Map.entry("bicarbonate", 24.0), Map.entry("bilirubin_total", 0.7), Map.entry("bun", 20.0),
            Map.entry("calcium_free", 1.15), Map.entry("calcium_total", 8.5), Map.entry("chloride", 104.0),
            Map.entry("creatinine", 1.0), Map.entry("glucose", 130.0), Map.entry("hemoglobin", 10.5),
            Map.entry("hematocrit", 32.0), Map.entry("inr", 1.2), Map.entry("lactate", 1.5), Map.entry("magnesium", 2.0),
            Map.entry("paco2", 40.0), Map.entry("pao2", 100.0), Map.entry("ph", 7.4), Map.entry("platelet", 200.0),
            Map.entry("potassium", 4.0), Map.entry("pt", 14.0), Map.entry("ptt", 32.0), Map.entry("sodium", 139.0),
            Map.entry("total_co2", 25.0), Map.entry("wbc", 10.0), Map.entry("output_4hourly", 200.0),
            Map.entry("age", 64.0), Map.entry("gender", 0.0), Map.entry("charlson_index", 5.0));
    private static final double[] NORMAL_VALUES = normalValues();
    private static final BoxSpace SPACE = buildSpace();
    private static final float[] LOW = floats(SPACE.low(), true);
    private static final float[] HIGH = floats(SPACE.high(), false);

    private PhysiologyObservation() {}

    /** The observation space: bounds from the schema, names and units per element. */
    public static BoxSpace space() {
        return SPACE;
    }

    private static BoxSpace buildSpace() {
        List<String> names = new ArrayList<>(DIM);
        List<String> units = new ArrayList<>(DIM);
        double[] low = new double[DIM];
        double[] high = new double[DIM];
        int k = 0;
        for (Feature f : SepsisSchema.ALL) {
            names.add(f.name());
            units.add(f.unit());
            low[k] = f.lowerBound();
            high[k++] = f.upperBound();
        }
        for (String drug : List.of("fluid", "vaso")) {
            names.add("previous_" + drug + "_bin");
            units.add("bin");
            high[k++] = DoseBins.BIN_COUNT - 1;
        }
        for (Feature f : SepsisSchema.DYNAMIC_FEATURES) {
            names.add("missing_" + f.name());
            units.add("1");
            high[k++] = 1;
        }
        return BoxSpace.vector(low, high, names, units);
    }

    /** The value used for a feature never recorded in the stay (a normal adult value, in the feature's unit). */
    public static double imputedValue(Feature feature) {
        return NORMAL_VALUES[SepsisSchema.observedIndex(feature)];
    }

    /**
     * Writes the observation of a step into {@code out} at {@code offset}.
     *
     * @param step the simulator's step
     * @param previous the action of the previous step ({@link TreatmentAction#NONE} at admission)
     */
    public static void write(PhysiologyStep step, TreatmentAction previous, float[] out, int offset) {
        write(step.carriedForward(), step.observation(), step.latent().vasopressorDose(), step.latent().ventilated(),
                previous, out, offset);
    }

    /**
     * Writes the observation of a charted decision point (e.g. a cohort row) into {@code out} at
     * {@code offset}: the same layout as a simulator step's.
     *
     * @param carried each feature's latest recorded value in the stay (NaN if never recorded)
     * @param fresh the values measured at this step (NaN where not measured)
     * @param vasopressorDose the vasopressor infusion running now (mcg/kg/min norepinephrine equivalent)
     * @param ventilated whether the patient is mechanically ventilated
     * @param previous the action of the previous step ({@link TreatmentAction#NONE} at admission)
     */
    public static void write(ClinicalObservation carried, ClinicalObservation fresh, double vasopressorDose,
            boolean ventilated, TreatmentAction previous, float[] out, int offset) {
        double[] held = carried.toArray();
        double[] measured = fresh.toArray();
        for (int i = 0; i < OBSERVED; i++) {
            if (Double.isNaN(held[i])) {
                held[i] = NORMAL_VALUES[i];
            }
            put(out, offset, i, held[i]);
        }
        double[] derived = DerivedFeatures.compute(ClinicalObservation.of(held), vasopressorDose, ventilated).toArray();
        for (int d = 0; d < DERIVED; d++) {
            put(out, offset, OBSERVED + d, derived[d]);
        }
        out[offset + PREVIOUS_ACTION] = previous.fluidBin();
        out[offset + PREVIOUS_ACTION + 1] = previous.vasopressorBin();
        for (int i = 0; i < DYNAMIC; i++) {
            out[offset + MASK + i] = Double.isNaN(measured[i]) ? 1f : 0f;
        }
    }

    /** Stores a value as float32 inside the element's bounds (NaN, should it occur, becomes the lower bound). */
    private static void put(float[] out, int offset, int k, double value) {
        float v = (float) value;
        out[offset + k] = Float.isNaN(v) ? LOW[k] : Math.max(LOW[k], Math.min(HIGH[k], v));
    }

    private static double[] normalValues() {
        double[] values = new double[OBSERVED];
        for (int i = 0; i < OBSERVED; i++) {
            Feature f = SepsisSchema.OBSERVED.get(i);
            Double v = NORMAL.get(f.name());
            if (v == null) {
                throw new IllegalStateException("no imputation value for " + f.name());
            }
            values[i] = v;
        }
        return values;
    }

    /** Float bounds that lie inside the double bounds, so a clamped float is always contained. */
    private static float[] floats(double[] bounds, boolean lower) {
        float[] f = new float[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            f[i] = (float) bounds[i];
            if (lower && f[i] < bounds[i]) {
                f[i] = Math.nextUp(f[i]);
            } else if (!lower && f[i] > bounds[i]) {
                f[i] = Math.nextDown(f[i]);
            }
        }
        return f;
    }
}
