package org.icugym.core.clinical.physiology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.icugym.core.clinical.action.TreatmentDose;
import org.icugym.core.clinical.reward.Outcome;
import org.icugym.core.clinical.schema.Feature;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.junit.jupiter.api.Test;

class PhysiologySimulatorTest {

    private static final TreatmentDose DOSE = new TreatmentDose(250, 0.1);

    @Test
    void sameSeedAndDosesGiveTheSameTrajectory() {
        SimulatedPatient a = PhysiologySimulator.DEFAULT.admit(42);
        SimulatedPatient b = PhysiologySimulator.DEFAULT.admit(42);
        assertThat(a.profile()).isEqualTo(b.profile());
        assertThat(a.current()).isEqualTo(b.current());
        for (int i = 0; i < 5 && !a.current().status().isFinished(); i++) {
            assertThat(a.step(DOSE)).isEqualTo(b.step(DOSE));
        }
        assertThat(PhysiologySimulator.DEFAULT.admit(43).profile()).isNotEqualTo(a.profile());
    }

    @Test
    void replayBranchesFromTheMiddleOfATrajectory() {
        SimulatedPatient original = PhysiologySimulator.DEFAULT.admit(7);
        original.step(DOSE);
        original.step(DOSE);
        SimulatedPatient replayed = PhysiologySimulator.DEFAULT.replay(7, List.of(DOSE, DOSE));
        assertThat(replayed.current()).isEqualTo(original.current());
        assertThat(replayed.current().step()).isEqualTo(2);
    }

    @Test
    void observationsAreWithinBoundsAndStaticFeaturesAreObserved() {
        for (long seed = 0; seed < 50; seed++) {
            SimulatedPatient patient = PhysiologySimulator.DEFAULT.admit(seed);
            PhysiologyStep step = patient.current();
            while (true) {
                for (Feature f : SepsisSchema.OBSERVED) {
                    double v = step.observation().get(f);
                    assertThat(Double.isNaN(v) || f.isPlausible(v)).as(f.name() + "=" + v).isTrue();
                }
                assertThat(step.observation().get(SepsisSchema.AGE)).isEqualTo(patient.profile().ageYears());
                if (step.status().isFinished()) {
                    break;
                }
                step = patient.step(DOSE);
            }
        }
    }

    @Test
    void windowsEndWithAnOutcomeAndCannotBeSteppedFurther() {
        PhysiologySimulator shortWindow = new PhysiologySimulator(2);
        SimulatedPatient patient = shortWindow.admit(3);
        assertThat(patient.current().outcome()).isEqualTo(Outcome.CONTINUING);
        PhysiologyStep last = patient.step(DOSE);
        if (!last.status().isFinished()) {
            last = patient.step(DOSE);
        }
        assertThat(last.status().isFinished()).isTrue();
        assertThat(last.outcome()).isIn(Outcome.SURVIVED, Outcome.DIED);
        assertThatThrownBy(() -> patient.step(DOSE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("admit a new one");
        assertThatThrownBy(() -> new PhysiologySimulator(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labsAreSometimesMissingAndVitalsUsuallyPresent() {
        int steps = 0;
        int lactateMissing = 0;
        int heartRateMissing = 0;
        for (long seed = 0; seed < 100; seed++) {
            SimulatedPatient patient = PhysiologySimulator.DEFAULT.admit(seed);
            for (int i = 0; i < 6 && !patient.current().status().isFinished(); i++) {
                PhysiologyStep step = patient.step(DOSE);
                steps++;
                lactateMissing += step.observation().isMissing(SepsisSchema.LACTATE) ? 1 : 0;
                heartRateMissing += step.observation().isMissing(SepsisSchema.HEART_RATE) ? 1 : 0;
            }
        }
        assertThat((double) lactateMissing / steps).isBetween(0.2, 0.8);
        assertThat((double) heartRateMissing / steps).isLessThan(0.1);
    }

    @Test
    void admissionDrawsTheMainPanelsAndLaterStepsCarryValuesForward() {
        for (long seed = 0; seed < 30; seed++) {
            SimulatedPatient patient = PhysiologySimulator.DEFAULT.admit(seed);
            PhysiologyStep admission = patient.current();
            assertThat(admission.observation().isMissing(SepsisSchema.CREATININE)).isFalse();
            assertThat(admission.observation().isMissing(SepsisSchema.PLATELET)).isFalse();
            assertThat(admission.observation().isMissing(SepsisSchema.LACTATE)).isFalse();
            assertThat(admission.carriedForward()).isEqualTo(admission.observation());
            PhysiologyStep next = patient.step(DOSE);
            for (Feature f : SepsisSchema.OBSERVED) {
                Double expected = next.observation().isMissing(f) ? admission.carriedForward().get(f)
                        : next.observation().get(f);
                assertThat(Double.valueOf(next.carriedForward().get(f))).as(f.name()).isEqualTo(expected);
            }
        }
    }

    @Test
    void rewardStateUsesCarriedForwardSofaAndLactate() {
        PhysiologyStep step = PhysiologySimulator.DEFAULT.admit(11).current();
        assertThat(step.rewardState().sofa()).isEqualTo(step.derived().sofa().total());
        assertThat(step.rewardState().lactate()).isEqualTo(step.carriedForward().get(SepsisSchema.LACTATE));
        assertThat(ObservationModel.severinghaus(100)).isBetween(97.0, 98.5);
    }
}
