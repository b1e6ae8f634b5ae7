package org.icugym.core.clinical.action;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Objects;

/**
 * The five dose bins of one drug (IV fluid or vasopressor): thresholds and a representative dose
 * per bin.
 *
 * <p>Bin 0 holds exactly zero; with cut-points {@code c1 < c2 < c3}, bin 1 is {@code (0, c1)},
 * bin 2 {@code [c1, c2)}, bin 3 {@code [c2, c3)} and bin 4 {@code [c3, ∞)}. The defaults are the
 * MIMIC-III quartiles of non-zero doses (DESIGN.md §4): vasopressor 0.08, 0.225, 0.45
 * mcg/kg/min; IV fluid 50, 180, 530 mL/4h.
 *
 * <p>Representative doses (the dose a simulator gives for a bin): for a cohort ({@link
 * #fromDoses}) the median of the sample's doses that fall in the bin; for given cut-points with
 * no sample ({@link #withDefaultRepresentatives}) a rule that approximates those medians for a
 * right-skewed dose distribution: bin 1 → {@code c1 / 2}, bin 2 → {@code √(c1·c2)}, bin 3 →
 * {@code √(c2·c3)}, bin 4 → {@code 1.5 · c3}. With the defaults: vasopressor 0.04, 0.134, 0.318,
 * 0.675 mcg/kg/min; IV fluid 25, 94.9, 308.9, 795 mL/4h.
 */
public final class DoseBins {
    /** Number of bins per drug, including bin 0 (none). */
    public static final int BIN_COUNT = 5;
    /** Default vasopressor bins (norepinephrine-equivalent, mcg/kg/min). */
    public static final DoseBins DEFAULT_VASOPRESSOR =
            withDefaultRepresentatives("vasopressor", "mcg/kg/min", 0.08, 0.225, 0.45);
    /** Default IV-fluid bins (mL/4h). */
    public static final DoseBins DEFAULT_FLUID = withDefaultRepresentatives("IV fluid", "mL/4h", 50, 180, 530);

    private final String drug;
    private final String unit;
    private final double[] cutPoints;
    private final double[] representativeDoses;

    private DoseBins(String drug, String unit, double[] cutPoints, double[] representativeDoses) {
        this.drug = Objects.requireNonNull(drug, "drug");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.cutPoints = cutPoints;
        this.representativeDoses = representativeDoses;
    }

    /**
     * Bins from explicit cut-points and representative doses.
     *
     * @param drug drug name for labels, e.g. {@code "vasopressor"}
     * @param unit dose unit, e.g. {@code "mcg/kg/min"}
     * @param cutPoints three strictly increasing positive thresholds {@code c1, c2, c3}, in {@code unit}
     * @param representativeDoses five doses, the first 0 and each inside its bin, in {@code unit}
     * @throws IllegalArgumentException if the thresholds or doses are inconsistent
     */
    public static DoseBins of(String drug, String unit, double[] cutPoints, double[] representativeDoses) {
        DoseBins bins = new DoseBins(drug, unit, cutPoints.clone(), representativeDoses.clone());
        bins.validate();
        return bins;
    }

    /**
     * Bins from cut-points with representative doses by the documented rule (c1/2, √(c1·c2),
     * √(c2·c3), 1.5·c3).
     *
     * @param drug drug name for labels
     * @param unit dose unit
     * @param c1 lower edge of bin 2, in {@code unit}
     * @param c2 lower edge of bin 3, in {@code unit}
     * @param c3 lower edge of bin 4, in {@code unit}
     */
    public static DoseBins withDefaultRepresentatives(String drug, String unit, double c1, double c2, double c3) {
        double[] cuts = {c1, c2, c3};
        return of(drug, unit, cuts, ruleRepresentatives(cuts));
    }

    /**
     * Bins recomputed from a dose sample (e.g. every step of a cohort): the cut-points are the
     * quartiles of the non-zero doses (linear interpolation between order statistics, as numpy's
     * default), and each bin's representative dose is the median of the sample's doses in it.
     *
     * @param drug drug name for labels
     * @param unit dose unit of the sample
     * @param doses doses ≥ 0 in {@code unit}; zeros count for bin 0 only
     * @throws IllegalArgumentException if a dose is negative or NaN, or the non-zero doses do not
     *     give three distinct quartiles
     */
    public static DoseBins fromDoses(String drug, String unit, double[] doses) {
        double[] nonZero = Arrays.stream(doses).peek(d -> TreatmentDose.requireDose(d, drug + " dose"))
                .filter(d -> d > 0).sorted().toArray();
        double[] cuts = {Quantiles.sorted(nonZero, 0.25), Quantiles.sorted(nonZero, 0.5), Quantiles.sorted(nonZero, 0.75)};
        if (nonZero.length < 4 || !(cuts[0] < cuts[1] && cuts[1] < cuts[2])) {
            throw new IllegalArgumentException(drug + ": " + nonZero.length + " non-zero doses give quartiles "
                    + Arrays.toString(cuts) + "; need three distinct quartiles to form four bins");
        }
        DoseBins shape = new DoseBins(drug, unit, cuts, ruleRepresentatives(cuts));
        double[] representatives = shape.representativeDoses.clone();
        for (int bin = 1; bin < BIN_COUNT; bin++) {
            double[] inBin = shape.dosesIn(nonZero, bin);
            if (inBin.length > 0) {
                representatives[bin] = Quantiles.sorted(inBin, 0.5);
            }
        }
        return of(drug, unit, cuts, representatives);
    }

    /**
     * The bin of a dose.
     *
     * @param dose dose in {@link #unit()}, ≥ 0
     * @return 0 for a zero dose, 1–4 otherwise
     * @throws IllegalArgumentException if the dose is negative, infinite or NaN
     */
    public int binOf(double dose) {
        TreatmentDose.requireDose(dose, drug + " dose (" + unit + ")");
        if (dose == 0) {
            return 0;
        }
        int bin = 1;
        while (bin < BIN_COUNT - 1 && dose >= cutPoints[bin - 1]) {
            bin++;
        }
        return bin;
    }

    /** The representative dose of a bin (0–4), in {@link #unit()}; 0 for bin 0. */
    public double representativeDose(int bin) {
        return representativeDoses[checkBin(bin)];
    }

    /** The lower edge of a bin in {@link #unit()}: 0 for bins 0 and 1 (bin 1 excludes it). */
    public double lowerEdge(int bin) {
        return checkBin(bin) <= 1 ? 0 : cutPoints[bin - 2];
    }

    /** The upper edge of a bin in {@link #unit()} (exclusive); 0 for bin 0, infinity for bin 4. */
    public double upperEdge(int bin) {
        return checkBin(bin) == 0 ? 0 : bin == BIN_COUNT - 1 ? Double.POSITIVE_INFINITY : cutPoints[bin - 1];
    }

    /** A label for a bin, e.g. {@code "none"}, {@code "(0, 0.08) mcg/kg/min"}, {@code "≥ 530 mL/4h"}. */
    public String label(int bin) {
        if (checkBin(bin) == 0) {
            return "none";
        }
        if (bin == BIN_COUNT - 1) {
            return "≥ " + format(lowerEdge(bin)) + " " + unit;
        }
        String open = bin == 1 ? "(" : "[";
        return open + format(lowerEdge(bin)) + ", " + format(upperEdge(bin)) + ") " + unit;
    }

    /** The drug these bins are for, e.g. {@code "vasopressor"}. */
    public String drug() {
        return drug;
    }

    /** The dose unit, e.g. {@code "mcg/kg/min"} or {@code "mL/4h"}. */
    public String unit() {
        return unit;
    }

    /** The three cut-points {@code c1, c2, c3} in {@link #unit()} (a copy). */
    public double[] cutPoints() {
        return cutPoints.clone();
    }

    /** The five representative doses in {@link #unit()} (a copy). */
    public double[] representativeDoses() {
        return representativeDoses.clone();
    }

    @Override
    public String toString() {
        return drug + " bins " + Arrays.toString(cutPoints) + " " + unit + ", doses " + Arrays.toString(representativeDoses);
    }

    private double[] dosesIn(double[] sortedDoses, int bin) {
        return Arrays.stream(sortedDoses).filter(d -> binOf(d) == bin).toArray();
    }

    private static double[] ruleRepresentatives(double[] c) {
        return new double[] {0, c[0] / 2, Math.sqrt(c[0] * c[1]), Math.sqrt(c[1] * c[2]), 1.5 * c[2]};
    }

    private void validate() {
        if (cutPoints.length != BIN_COUNT - 2 || representativeDoses.length != BIN_COUNT) {
            throw new IllegalArgumentException(drug + ": need 3 cut-points and 5 representative doses");
        }
        if (!(cutPoints[0] > 0 && cutPoints[0] < cutPoints[1] && cutPoints[1] < cutPoints[2])
                || Double.isInfinite(cutPoints[2])) {
            throw new IllegalArgumentException(drug + ": cut-points must be positive, finite and increasing: "
                    + Arrays.toString(cutPoints));
        }
        for (int bin = 0; bin < BIN_COUNT; bin++) {
            double dose = representativeDoses[bin];
            if (!(dose >= 0) || Double.isInfinite(dose) || binOf(dose) != bin) {
                throw new IllegalArgumentException(drug + ": representative dose " + dose + " is not in bin " + bin);
            }
        }
    }

    private static int checkBin(int bin) {
        if (bin < 0 || bin >= BIN_COUNT) {
            throw new IllegalArgumentException("bin must be in [0, " + BIN_COUNT + "), got " + bin);
        }
        return bin;
    }

    private static String format(double value) {
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
