package org.icugym.core.clinical.score;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A Sequential Organ Failure Assessment (SOFA) score, 0–24 points, with its six components.
 *
 * <p>Cut-points are those of Vincent et al. 1996 (Intensive Care Med 22:707):
 * <ul>
 *   <li>respiration, PaO2/FiO2 (mmHg): ≥ 400 → 0; &lt; 400 → 1; &lt; 300 → 2; &lt; 200 with
 *       mechanical ventilation → 3; &lt; 100 with ventilation → 4 (without ventilation at most 2);
 *   <li>coagulation, platelets (10^3/µL): ≥ 150 → 0; &lt; 150 → 1; &lt; 100 → 2; &lt; 50 → 3;
 *       &lt; 20 → 4;
 *   <li>liver, bilirubin (mg/dL): &lt; 1.2 → 0; 1.2–1.9 → 1; 2.0–5.9 → 2; 6.0–11.9 → 3; ≥ 12 → 4;
 *   <li>cardiovascular: MAP ≥ 70 mmHg → 0; MAP &lt; 70 → 1; norepinephrine-equivalent
 *       vasopressor &gt; 0 and ≤ 0.1 mcg/kg/min → 3; &gt; 0.1 → 4. Score 2 (dopamine ≤ 5 or any
 *       dobutamine) cannot be expressed by a single norepinephrine-equivalent dose and is not used;
 *   <li>CNS, GCS total: 15 → 0; 13–14 → 1; 10–12 → 2; 6–9 → 3; &lt; 6 → 4;
 *   <li>renal: creatinine (mg/dL) &lt; 1.2 → 0; 1.2–1.9 → 1; 2.0–3.4 → 2; 3.5–4.9 → 3; ≥ 5 → 4;
 *       or urine output &lt; 500 mL/day → 3, &lt; 200 mL/day → 4, whichever is worse. The 4 h
 *       urine output is scaled to a day (× 6), so &lt; 83.3 mL/4h scores 3 and &lt; 33.3 mL/4h 4,
 *       as in the AI Clinician extraction.
 * </ul>
 * A component with no measured input scores 0 and is listed in {@link #missing()}. For
 * cardiovascular, a running vasopressor counts as measured even when MAP is missing.
 *
 * @param respiration respiration points (0–4)
 * @param coagulation coagulation points (0–4)
 * @param liver liver points (0–4)
 * @param cardiovascular cardiovascular points (0, 1, 3 or 4)
 * @param cns central nervous system points (0–4)
 * @param renal renal points (0–4)
 * @param missing components whose inputs were all missing (scored 0)
 */
public record SofaScore(int respiration, int coagulation, int liver, int cardiovascular, int cns, int renal,
        Set<SofaComponent> missing) {

    /** Number of 4 h steps per day: the factor turning a 4 h urine output into a daily one. */
    public static final double STEPS_PER_DAY = 6.0;

    /** Copies the missing set. */
    public SofaScore {
        missing = missing.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(missing));
    }

    /** The SOFA score of one step's inputs. */
    public static SofaScore compute(SofaInputs in) {
        EnumSet<SofaComponent> missing = EnumSet.noneOf(SofaComponent.class);
        double pf = in.pfRatio();
        markIf(missing, SofaComponent.RESPIRATION, Double.isNaN(pf));
        markIf(missing, SofaComponent.COAGULATION, Double.isNaN(in.platelets()));
        markIf(missing, SofaComponent.LIVER, Double.isNaN(in.bilirubin()));
        markIf(missing, SofaComponent.CARDIOVASCULAR, Double.isNaN(in.meanBp()) && !(in.vasopressorDose() > 0));
        markIf(missing, SofaComponent.CNS, Double.isNaN(in.gcsTotal()));
        markIf(missing, SofaComponent.RENAL, Double.isNaN(in.creatinine()) && Double.isNaN(in.urineOutput()));
        return new SofaScore(
                respiration(pf, in.mechanicallyVentilated()),
                coagulation(in.platelets()),
                liver(in.bilirubin()),
                cardiovascular(in.meanBp(), in.vasopressorDose()),
                cns(in.gcsTotal()),
                renal(in.creatinine(), in.urineOutput() * STEPS_PER_DAY),
                missing);
    }

    /** The total score, 0–24 points. */
    public int total() {
        return respiration + coagulation + liver + cardiovascular + cns + renal;
    }

    /** The points of one component (0–4). */
    public int points(SofaComponent component) {
        return switch (component) {
            case RESPIRATION -> respiration;
            case COAGULATION -> coagulation;
            case LIVER -> liver;
            case CARDIOVASCULAR -> cardiovascular;
            case CNS -> cns;
            case RENAL -> renal;
        };
    }

    /**
     * Respiration points from the PaO2/FiO2 ratio.
     *
     * @param pfRatio PaO2 (mmHg) / FiO2 (fraction); NaN scores 0
     * @param mechanicallyVentilated whether the patient receives respiratory support
     */
    public static int respiration(double pfRatio, boolean mechanicallyVentilated) {
        if (Double.isNaN(pfRatio) || pfRatio >= 400) {
            return 0;
        }
        if (pfRatio < 200 && mechanicallyVentilated) {
            return pfRatio < 100 ? 4 : 3;
        }
        return pfRatio < 300 ? 2 : 1;
    }

    /** Coagulation points from the platelet count (10^3/µL); NaN scores 0. */
    public static int coagulation(double platelets) {
        return descending(platelets, 150, 100, 50, 20);
    }

    /** Liver points from total bilirubin (mg/dL); NaN scores 0. */
    public static int liver(double bilirubin) {
        return ascending(bilirubin, 1.2, 2.0, 6.0, 12.0);
    }

    /**
     * Cardiovascular points.
     *
     * @param meanBp mean arterial pressure (mmHg); NaN counts as ≥ 70
     * @param vasopressorDose norepinephrine-equivalent rate (mcg/kg/min); NaN or 0 means none
     */
    public static int cardiovascular(double meanBp, double vasopressorDose) {
        if (vasopressorDose > 0.1) {
            return 4;
        }
        if (vasopressorDose > 0) {
            return 3;
        }
        return meanBp < 70 ? 1 : 0;
    }

    /** Central nervous system points from the GCS total (3–15); NaN scores 0. */
    public static int cns(double gcsTotal) {
        return descending(gcsTotal, 15, 13, 10, 6);
    }

    /**
     * Renal points: the worse of the creatinine and urine output criteria.
     *
     * @param creatinine serum creatinine (mg/dL); NaN ignores the criterion
     * @param urineOutputPerDay urine output (mL/day); NaN ignores the criterion
     */
    public static int renal(double creatinine, double urineOutputPerDay) {
        int byCreatinine = ascending(creatinine, 1.2, 2.0, 3.5, 5.0);
        int byUrine = urineOutputPerDay < 200 ? 4 : urineOutputPerDay < 500 ? 3 : 0;
        return Math.max(byCreatinine, byUrine);
    }

    /** Points 1..4 when {@code x} reaches each of the rising cut-points (x ≥ cut). */
    private static int ascending(double x, double c1, double c2, double c3, double c4) {
        return x >= c4 ? 4 : x >= c3 ? 3 : x >= c2 ? 2 : x >= c1 ? 1 : 0;
    }

    /** Points 1..4 when {@code x} falls below each of the falling cut-points (x &lt; cut). */
    private static int descending(double x, double c1, double c2, double c3, double c4) {
        return x < c4 ? 4 : x < c3 ? 3 : x < c2 ? 2 : x < c1 ? 1 : 0;
    }

    private static void markIf(Set<SofaComponent> set, SofaComponent component, boolean condition) {
        if (condition) {
            set.add(component);
        }
    }
}
