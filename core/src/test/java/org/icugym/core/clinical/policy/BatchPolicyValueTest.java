package org.icugym.core.clinical.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.core.clinical.reward.SepsisReward;
import org.icugym.core.envs.physiology.PhysiologyObservation;
import org.icugym.core.random.Rng;
import org.junit.jupiter.api.Test;

class BatchPolicyValueTest {

    @Test
    void lockstepBatchesGiveTheSameValueAsOneEpisodeAtATime() {
        for (TreatmentPolicy policy : List.of(RandomPolicy.DEFAULT, GuidelinePolicy.DEFAULT)) {
            StayPolicy stay = policy.forStay(new Rng(0));
            PolicyValue.BatchPolicy batch = (steps, previous) -> {
                double[][] p = new double[steps.size()][];
                for (int i = 0; i < p.length; i++) {
                    p[i] = stay.probabilities(PatientView.of(steps.get(i), previous.get(i)));
                }
                return p;
            };
            PolicyValue sequential = PolicyValue.estimate(policy, PhysiologySimulator.DEFAULT, SepsisReward.RAGHU,
                    ActionGrid.DEFAULT, 5, 40);
            for (int size : new int[] {1, 7, 64}) {
                assertThat(PolicyValue.estimate(policy.name(), batch, PhysiologySimulator.DEFAULT, SepsisReward.RAGHU,
                        ActionGrid.DEFAULT, 5, 40, size)).as(policy.name() + " in batches of " + size)
                        .isEqualTo(sequential);
            }
        }
    }

    @Test
    void theObservationOfChartedValuesMatchesTheSimulatorStepsObservation() {
        var patient = PhysiologySimulator.DEFAULT.admit(3);
        var step = patient.step(ActionGrid.DEFAULT.doseOf(org.icugym.core.clinical.action.TreatmentAction.fromIndex(7)));
        var previous = org.icugym.core.clinical.action.TreatmentAction.fromIndex(7);
        float[] fromStep = new float[PhysiologyObservation.DIM];
        float[] fromChart = new float[PhysiologyObservation.DIM];
        PhysiologyObservation.write(step, previous, fromStep, 0);
        PhysiologyObservation.write(step.carriedForward(), step.observation(), step.latent().vasopressorDose(),
                step.latent().ventilated(), previous, fromChart, 0);
        assertThat(fromChart).containsExactly(fromStep);
    }

    @Test
    void rejectsABatchPolicyThatAnswersTheWrongNumberOfRows() {
        PolicyValue.BatchPolicy broken = (steps, previous) -> new double[0][];
        assertThatThrownBy(() -> PolicyValue.estimate("broken", broken, PhysiologySimulator.DEFAULT, SepsisReward.RAGHU,
                ActionGrid.DEFAULT, 0, 4, 2)).isInstanceOf(IllegalStateException.class).hasMessageContaining("0 rows");
        assertThatThrownBy(() -> PolicyValue.estimate("x", broken, PhysiologySimulator.DEFAULT, SepsisReward.RAGHU,
                ActionGrid.DEFAULT, 0, 4, 0)).hasMessageContaining("batch");
    }
}
