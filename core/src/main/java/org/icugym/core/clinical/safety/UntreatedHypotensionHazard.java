package org.icugym.core.clinical.safety;

/**
 * Hazard A (Festor et al. 2022), untreated severe hypotension: no vasopressor and fluid at or
 * below a low rate while MAP is below a floor.
 *
 * @param maxFluidMlPerHour fluid rate at or below which fluid counts as withheld (mL/h); default 20
 * @param meanBpFloor MAP below which hypotension is severe (mmHg); default 55
 */
public record UntreatedHypotensionHazard(double maxFluidMlPerHour, double meanBpFloor) implements SafetyRule {

    /** No vasopressor and fluid ≤ 20 mL/h while MAP &lt; 55 mmHg. */
    public static final UntreatedHypotensionHazard DEFAULT = new UntreatedHypotensionHazard(20.0, 55.0);

    @Override
    public String name() {
        return "hazard_a";
    }

    @Override
    public String description() {
        return "Hazard A: no vasopressor and fluid <= " + maxFluidMlPerHour + " mL/h while MAP < " + meanBpFloor + " mmHg";
    }

    @Override
    public boolean isViolated(TreatmentContext c) {
        return c.dose().vasopressorMcgKgMin() == 0 && c.dose().fluidMlPerHour() <= maxFluidMlPerHour
                && c.meanBp() < meanBpFloor;
    }
}
