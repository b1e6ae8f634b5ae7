package org.icugym.core.clinical.cohort;

import java.util.Arrays;
import java.util.Objects;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.action.TreatmentDose;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.Feature;
import org.icugym.core.clinical.schema.SepsisSchema;

/**
 * One row of a cohort: the features recorded at a 4 h step and the treatment given during it.
 *
 * @param bloc 1-based step number within the stay
 * @param features the {@link CohortSchema#FEATURES} values in schema units (42 observed, then 12
 *     derived); NaN where missing
 * @param dose the doses given during the step (mL/4h, mcg/kg/min)
 * @param action the action's bins
 * @param behaviourProbability probability the behaviour policy gave {@code action}; NaN if unknown
 * @param inputTotalMl cumulative IV fluid input at the start of the step (mL)
 * @param outputTotalMl cumulative urine output at the start of the step (mL)
 */
public record CohortStep(int bloc, double[] features, TreatmentDose dose, TreatmentAction action,
        double behaviourProbability, double inputTotalMl, double outputTotalMl) {

    /** Validates the row's shape (not its clinical plausibility). */
    public CohortStep {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(dose, "dose");
        Objects.requireNonNull(action, "action");
        if (features.length != CohortSchema.FEATURES.size()) {
            throw new IllegalArgumentException("expected " + CohortSchema.FEATURES.size() + " feature values, got "
                    + features.length);
        }
    }

    /** The value of a feature in its schema unit, NaN if missing. */
    public double get(Feature feature) {
        int i = CohortSchema.FEATURES.indexOf(feature);
        if (i < 0) {
            throw new IllegalArgumentException(feature.name() + " is not a cohort feature");
        }
        return features[i];
    }

    /** The 42 observed features of the row. */
    public ClinicalObservation observation() {
        return ClinicalObservation.of(Arrays.copyOf(features, SepsisSchema.OBSERVED.size()));
    }

    /** Cumulative fluid balance at the start of the step, input − output (mL). */
    public double cumulativeBalanceMl() {
        return inputTotalMl - outputTotalMl;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CohortStep s && bloc == s.bloc && Arrays.equals(features, s.features)
                && dose.equals(s.dose) && action.equals(s.action)
                && Double.compare(behaviourProbability, s.behaviourProbability) == 0
                && Double.compare(inputTotalMl, s.inputTotalMl) == 0 && Double.compare(outputTotalMl, s.outputTotalMl) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(bloc, Arrays.hashCode(features), dose, action, behaviourProbability, inputTotalMl,
                outputTotalMl);
    }

    @Override
    public String toString() {
        return "CohortStep{bloc=" + bloc + ", action=" + action + ", dose=" + dose + ", features="
                + Arrays.toString(features) + "}";
    }
}
