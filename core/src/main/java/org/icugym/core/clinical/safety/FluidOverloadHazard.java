package org.icugym.core.clinical.safety;

/**
 * Hazard D (Festor et al. 2022), fluid overload: a high fluid rate while MAP is adequate and the
 * cumulative fluid balance is already large.
 *
 * <p>Judged on the dose actually given. With the default action grid the top fluid bin's
 * representative dose is 795 mL/4h (≈ 199 mL/h), below 240 mL/h, so in an environment that
 * gives representative doses this hazard fires only if a grid's top representative dose exceeds
 * 960 mL/4h; on recorded cohort doses it applies as published.
 *
 * @param maxFluidMlPerHour fluid rate above which the dose is high (mL/h); default 240
 * @param meanBpAdequate MAP at or above which pressure is adequate (mmHg); default 75
 * @param maxBalanceMl cumulative balance above which the patient is overloaded (mL); default 10,000
 */
public record FluidOverloadHazard(double maxFluidMlPerHour, double meanBpAdequate, double maxBalanceMl)
        implements SafetyRule {

    /** Fluid &gt; 240 mL/h while MAP ≥ 75 mmHg and cumulative balance &gt; 10 L. */
    public static final FluidOverloadHazard DEFAULT = new FluidOverloadHazard(240.0, 75.0, 10_000.0);

    @Override
    public String name() {
        return "hazard_d";
    }

    @Override
    public String description() {
        return "Hazard D: fluid > " + maxFluidMlPerHour + " mL/h while MAP >= " + meanBpAdequate
                + " mmHg and cumulative balance > " + maxBalanceMl + " mL";
    }

    @Override
    public boolean isViolated(TreatmentContext c) {
        return c.dose().fluidMlPerHour() > maxFluidMlPerHour && c.meanBp() >= meanBpAdequate
                && c.cumulativeBalanceMl() > maxBalanceMl;
    }
}
