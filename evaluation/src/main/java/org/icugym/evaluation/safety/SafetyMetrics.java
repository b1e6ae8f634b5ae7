package org.icugym.evaluation.safety;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icugym.core.clinical.action.DoseBins;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.safety.HypoperfusionRule;
import org.icugym.core.clinical.safety.SafetyEvaluator;
import org.icugym.core.clinical.safety.SafetyReport;
import org.icugym.core.clinical.safety.VasopressorWeaningRule;
import org.icugym.evaluation.data.InvalidDatasetException;

/**
 * Safety of a policy's recommendations over logged decision points.
 *
 * <ul>
 *   <li>Violation rate of each rule (G1, G2, hazards A-D): the share of decisions whose
 *       recommendation violates it; guideline adherence is one minus the G1 or G2 rate.</li>
 *   <li>Under-dosing (over-dosing) of a drug: the share of decisions where the recommended dose
 *       bin of that drug is below (above) the clinician's; {@code either} counts a decision once
 *       if any drug is under- (over-) dosed. These compare with the clinicians, not with an
 *       ideal dose.</li>
 *   <li>Heatmaps: counts of recommended and of clinicians' actions on the 5 x 5 grid
 *       {@code [fluid bin][vasopressor bin]}.</li>
 * </ul>
 *
 * @param decisions number of decision points
 * @param violationRates rule name to the share of decisions violating it, in the evaluator's order
 * @param fluidUnderDosing share with a lower recommended fluid bin than the clinician's
 * @param fluidOverDosing share with a higher recommended fluid bin
 * @param vasopressorUnderDosing share with a lower recommended vasopressor bin
 * @param vasopressorOverDosing share with a higher recommended vasopressor bin
 * @param eitherUnderDosing share with either drug under-dosed
 * @param eitherOverDosing share with either drug over-dosed
 * @param meanCost mean safety cost per decision (the evaluator's weighting)
 * @param recommendedHeatmap counts of recommended actions {@code [fluid bin][vasopressor bin]}
 * @param clinicianHeatmap counts of clinicians' actions {@code [fluid bin][vasopressor bin]}
 */
public record SafetyMetrics(int decisions, Map<String, Double> violationRates, double fluidUnderDosing,
        double fluidOverDosing, double vasopressorUnderDosing, double vasopressorOverDosing, double eitherUnderDosing,
        double eitherOverDosing, double meanCost, long[][] recommendedHeatmap, long[][] clinicianHeatmap) {

    /** Computes the metrics of {@code decisions} (at least one) under {@code evaluator}'s rules. */
    public static SafetyMetrics of(List<Decision> decisions, SafetyEvaluator evaluator) {
        if (decisions.isEmpty()) {
            throw new InvalidDatasetException("safety metrics need at least one decision point");
        }
        int bins = DoseBins.BIN_COUNT;
        Map<String, Double> counts = new LinkedHashMap<>();
        evaluator.ruleNames().forEach(n -> counts.put(n, 0.0));
        long[][] recommended = new long[bins][bins];
        long[][] clinician = new long[bins][bins];
        double[] dosing = new double[6];
        double cost = 0;
        for (Decision d : decisions) {
            SafetyReport report = evaluator.evaluate(d.recommended());
            cost += report.cost();
            for (String name : report.violated()) {
                counts.merge(name, 1.0, Double::sum);
            }
            TreatmentAction r = d.recommended().action();
            TreatmentAction c = d.clinician();
            recommended[r.fluidBin()][r.vasopressorBin()]++;
            clinician[c.fluidBin()][c.vasopressorBin()]++;
            boolean fluidUnder = r.fluidBin() < c.fluidBin();
            boolean fluidOver = r.fluidBin() > c.fluidBin();
            boolean vasoUnder = r.vasopressorBin() < c.vasopressorBin();
            boolean vasoOver = r.vasopressorBin() > c.vasopressorBin();
            dosing[0] += fluidUnder ? 1 : 0;
            dosing[1] += fluidOver ? 1 : 0;
            dosing[2] += vasoUnder ? 1 : 0;
            dosing[3] += vasoOver ? 1 : 0;
            dosing[4] += fluidUnder || vasoUnder ? 1 : 0;
            dosing[5] += fluidOver || vasoOver ? 1 : 0;
        }
        double n = decisions.size();
        counts.replaceAll((k, v) -> v / n);
        return new SafetyMetrics(decisions.size(), Collections.unmodifiableMap(counts), dosing[0] / n, dosing[1] / n,
                dosing[2] / n, dosing[3] / n, dosing[4] / n, dosing[5] / n, cost / n, recommended, clinician);
    }

    /** Adherence to G1 (hypoperfusion): one minus its violation rate (1 if the evaluator lacks G1). */
    public double g1Adherence() {
        return 1 - violationRates.getOrDefault(HypoperfusionRule.DEFAULT.name(), 0.0);
    }

    /** Adherence to G2 (vasopressor weaning): one minus its violation rate (1 if the evaluator lacks G2). */
    public double g2Adherence() {
        return 1 - violationRates.getOrDefault(VasopressorWeaningRule.DEFAULT.name(), 0.0);
    }
}
