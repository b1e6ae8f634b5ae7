package org.icugym.core.clinical.physiology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.icugym.core.clinical.action.TreatmentDose;
import org.icugym.core.clinical.reward.Outcome;
import org.junit.jupiter.api.Test;

/**
 * Counterfactual pairs on matched seeds: the same patient, with the same random streams, given
 * two different treatments. Differences come from the treatment alone.
 */
class CounterfactualTest {

    private static final PhysiologySimulator SIM = PhysiologySimulator.DEFAULT;
    private static final TreatmentDose NONE = TreatmentDose.NONE;

    /** Seeds of patients whose admission state passes the filter. */
    private static List<Long> seeds(int count, java.util.function.Predicate<SimulatedPatient> filter) {
        List<Long> seeds = new ArrayList<>();
        for (long seed = 0; seeds.size() < count && seed < 50_000; seed++) {
            if (filter.test(SIM.admit(seed))) {
                seeds.add(seed);
            }
        }
        assertThat(seeds).hasSize(count);
        return seeds;
    }

    private static double mapAfterOneStep(long seed, TreatmentDose dose) {
        return SIM.admit(seed).step(dose).latent().meanBp();
    }

    private static double mean(List<Long> seeds, Function<Long, Double> f) {
        return seeds.stream().mapToDouble(f::apply).average().orElseThrow();
    }

    @Test
    void vasopressorsRaiseMapInHypotensivePatients() {
        List<Long> hypotensive = seeds(200, p -> p.current().latent().meanBp() < 65);
        for (long seed : hypotensive) {
            assertThat(mapAfterOneStep(seed, new TreatmentDose(0, 0.2))).isGreaterThan(mapAfterOneStep(seed, NONE));
        }
        double gain = mean(hypotensive, s -> mapAfterOneStep(s, new TreatmentDose(0, 0.2)) - mapAfterOneStep(s, NONE));
        assertThat(gain).isGreaterThan(8.0);
    }

    @Test
    void fluidsRaiseMapInResponsiveButNotInNonResponsivePatients() {
        TreatmentDose bolus = new TreatmentDose(1000, 0);
        List<Long> responders = seeds(150, p -> p.profile().fluidResponsiveness() > 0.8 && p.current().latent().volume() < 0.95);
        List<Long> nonResponders = seeds(150, p -> p.profile().fluidResponsiveness() < 0.2 && p.current().latent().volume() < 0.95);
        double responderGain = mean(responders, s -> mapAfterOneStep(s, bolus) - mapAfterOneStep(s, NONE));
        double nonResponderGain = mean(nonResponders, s -> mapAfterOneStep(s, bolus) - mapAfterOneStep(s, NONE));
        assertThat(responderGain).isGreaterThan(4.0);
        assertThat(nonResponderGain).isLessThan(responderGain / 4);
    }

    @Test
    void hiddenVasopressorSensitivityChangesTheResponse() {
        TreatmentDose vaso = new TreatmentDose(0, 0.2);
        List<Long> sensitive = seeds(100, p -> p.profile().vasopressorSensitivity() > 1.25 && p.current().latent().meanBp() < 70);
        List<Long> resistant = seeds(100, p -> p.profile().vasopressorSensitivity() < 0.8 && p.current().latent().meanBp() < 70);
        double sensitiveGain = mean(sensitive, s -> mapAfterOneStep(s, vaso) - mapAfterOneStep(s, NONE));
        double resistantGain = mean(resistant, s -> mapAfterOneStep(s, vaso) - mapAfterOneStep(s, NONE));
        assertThat(sensitiveGain).isGreaterThan(1.4 * resistantGain);
    }

    @Test
    void largeCumulativeFluidWorsensOxygenation() {
        List<Long> patients = seeds(150, p -> true);
        double heavyPf = 0;
        double lightPf = 0;
        for (long seed : patients) {
            LatentState heavy = runFixed(seed, new TreatmentDose(1000, 0), 8);
            LatentState light = runFixed(seed, new TreatmentDose(50, 0), 8);
            assertThat(heavy.lungInjury()).isGreaterThanOrEqualTo(light.lungInjury());
            heavyPf += heavy.pfRatio();
            lightPf += light.pfRatio();
        }
        assertThat(heavyPf / patients.size()).isLessThan(0.85 * lightPf / patients.size());
    }

    @Test
    void withholdingTreatmentInShockRaisesLactateAndMortality() {
        List<Long> shock = seeds(300, p -> p.current().latent().meanBp() < 65 && p.current().latent().lactate() > 2);
        double lactateTreated = 0;
        double lactateUntreated = 0;
        int deathsTreated = 0;
        int deathsUntreated = 0;
        for (long seed : shock) {
            lactateTreated += runFixed(seed, new TreatmentDose(500, 0.2), 3).lactate();
            lactateUntreated += runFixed(seed, NONE, 3).lactate();
            deathsTreated += runToEnd(seed, true) == Outcome.DIED ? 1 : 0;
            deathsUntreated += runToEnd(seed, false) == Outcome.DIED ? 1 : 0;
        }
        assertThat(lactateUntreated).isGreaterThan(1.2 * lactateTreated);
        assertThat(deathsUntreated).isGreaterThan(deathsTreated + shock.size() / 20);
    }

    @Test
    void highVasopressorDosesCarryHarm() {
        List<Long> patients = seeds(100, p -> p.current().latent().meanBp() < 70);
        double moderate = mean(patients, s -> runFixed(s, new TreatmentDose(100, 0.2), 4).lactate());
        double high = mean(patients, s -> runFixed(s, new TreatmentDose(100, 1.0), 4).lactate());
        assertThat(high).isGreaterThan(moderate);
    }

    /** Gives the same dose for up to {@code steps} steps (fewer if the window ends) and returns the state. */
    private static LatentState runFixed(long seed, TreatmentDose dose, int steps) {
        SimulatedPatient patient = SIM.admit(seed);
        for (int i = 0; i < steps && !patient.current().status().isFinished(); i++) {
            patient.step(dose);
        }
        return patient.current().latent();
    }

    /** Runs the window under a simple MAP-targeted treatment or none; returns the outcome. */
    private static Outcome runToEnd(long seed, boolean treat) {
        SimulatedPatient patient = SIM.admit(seed);
        PhysiologyStep step = patient.current();
        while (!step.status().isFinished()) {
            LatentState s = step.latent();
            boolean hypotensive = s.meanBp() < 65;
            TreatmentDose dose = !treat ? NONE
                    : new TreatmentDose(s.cumulativeBalanceMl() < 5000 && (hypotensive || s.lactate() > 2) ? 500 : 50,
                            hypotensive ? 0.2 : s.meanBp() < 70 ? s.vasopressorDose() : 0);
            step = patient.step(dose);
        }
        return step.outcome();
    }
}
