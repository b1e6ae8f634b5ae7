package org.icugym.core.clinical.safety;

/**
 * Hazard C (Festor et al. 2022), fluid withheld in severe hypotension: no fluid while MAP is at
 * or below a floor and, where CVP is measured, CVP is low (an unknown CVP does not clear the
 * hazard).
 *
 * @param meanBpFloor MAP at or below which hypotension is severe (mmHg); default 55
 * @param maxCentralVenousPressure CVP at or below which the patient may be fluid-deplete (mmHg); default 5
 */
public record WithheldFluidHazard(double meanBpFloor, double maxCentralVenousPressure) implements SafetyRule {

    /** No fluid while MAP ≤ 55 mmHg (and CVP ≤ 5 mmHg where known). */
    public static final WithheldFluidHazard DEFAULT = new WithheldFluidHazard(55.0, 5.0);

    @Override
    public String name() {
        return "hazard_c";
    }

    @Override
    public String description() {
        return "Hazard C: no fluid while MAP <= " + meanBpFloor + " mmHg (and CVP <= " + maxCentralVenousPressure
                + " mmHg where known)";
    }

    @Override
    public boolean isViolated(TreatmentContext c) {
        double cvp = c.centralVenousPressure();
        boolean lowOrUnknownCvp = Double.isNaN(cvp) || cvp <= maxCentralVenousPressure;
        return c.dose().fluidMlPer4h() == 0 && c.meanBp() <= meanBpFloor && lowOrUnknownCvp;
    }
}
