package org.icugym.core.clinical.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The 5 × 5 sepsis action grid: IV-fluid bins (mL/4h) by vasopressor bins (mcg/kg/min), mapping
 * doses to {@link TreatmentAction}s and back.
 *
 * @param fluid IV-fluid bins, doses in mL/4h
 * @param vasopressor vasopressor bins, norepinephrine-equivalent doses in mcg/kg/min
 */
public record ActionGrid(DoseBins fluid, DoseBins vasopressor) {

    /** The default grid: the MIMIC-III quartiles of DESIGN.md §4. */
    public static final ActionGrid DEFAULT = new ActionGrid(DoseBins.DEFAULT_FLUID, DoseBins.DEFAULT_VASOPRESSOR);

    /** Requires both axes. */
    public ActionGrid {
        Objects.requireNonNull(fluid, "fluid");
        Objects.requireNonNull(vasopressor, "vasopressor");
    }

    /**
     * A grid recomputed from a cohort's doses (quartiles of the non-zero doses of each drug).
     *
     * @param fluidMlPer4h the IV fluid given at every step of the cohort (mL/4h)
     * @param vasopressorMcgKgMin the vasopressor rate at every step (mcg/kg/min)
     */
    public static ActionGrid fromCohort(double[] fluidMlPer4h, double[] vasopressorMcgKgMin) {
        return new ActionGrid(DoseBins.fromDoses(DoseBins.DEFAULT_FLUID.drug(), "mL/4h", fluidMlPer4h),
                DoseBins.fromDoses(DoseBins.DEFAULT_VASOPRESSOR.drug(), "mcg/kg/min", vasopressorMcgKgMin));
    }

    /** The action whose bins hold these doses. */
    public TreatmentAction actionOf(TreatmentDose dose) {
        return new TreatmentAction(fluid.binOf(dose.fluidMlPer4h()), vasopressor.binOf(dose.vasopressorMcgKgMin()));
    }

    /** The representative doses of an action (mL/4h and mcg/kg/min). */
    public TreatmentDose doseOf(TreatmentAction action) {
        return new TreatmentDose(fluid.representativeDose(action.fluidBin()),
                vasopressor.representativeDose(action.vasopressorBin()));
    }

    /** A label for an action, e.g. {@code "fluid [50, 180) mL/4h, vasopressor none"}. */
    public String label(TreatmentAction action) {
        return "fluid " + fluid.label(action.fluidBin()) + ", vasopressor " + vasopressor.label(action.vasopressorBin());
    }

    /** The labels of all 25 actions in index order. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>(TreatmentAction.COUNT);
        for (TreatmentAction action : TreatmentAction.all()) {
            labels.add(label(action));
        }
        return List.copyOf(labels);
    }
}
