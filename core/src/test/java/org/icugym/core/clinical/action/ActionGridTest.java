package org.icugym.core.clinical.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActionGridTest {

    @Test
    void indexIsFiveTimesFluidPlusVasopressor() {
        assertThat(new TreatmentAction(0, 0).index()).isZero();
        assertThat(new TreatmentAction(2, 3).index()).isEqualTo(13);
        assertThat(new TreatmentAction(4, 4).index()).isEqualTo(24);
        assertThat(TreatmentAction.fromIndex(13)).isEqualTo(new TreatmentAction(2, 3));
        for (int i = 0; i < TreatmentAction.COUNT; i++) {
            assertThat(TreatmentAction.fromIndex(i).index()).isEqualTo(i);
        }
        assertThat(TreatmentAction.NONE.isNoTreatment()).isTrue();
        assertThatThrownBy(() -> TreatmentAction.fromIndex(25)).hasMessageContaining("[0, 25)");
        assertThatThrownBy(() -> new TreatmentAction(5, 0)).hasMessageContaining("fluid bin");
    }

    @Test
    void mapsDosesToActionsAndBack() {
        ActionGrid grid = ActionGrid.DEFAULT;
        assertThat(grid.actionOf(new TreatmentDose(180, 0.08))).isEqualTo(new TreatmentAction(3, 2));
        assertThat(grid.actionOf(new TreatmentDose(0, 0.45))).isEqualTo(new TreatmentAction(0, 4));
        TreatmentDose dose = grid.doseOf(new TreatmentAction(1, 4));
        assertThat(dose.fluidMlPer4h()).isEqualTo(25);
        assertThat(dose.vasopressorMcgKgMin()).isEqualTo(0.675);
        assertThat(dose.fluidMlPerHour()).isEqualTo(6.25);
        for (TreatmentAction action : TreatmentAction.all()) {
            assertThat(grid.actionOf(grid.doseOf(action))).isEqualTo(action);
        }
    }

    @Test
    void labelsEveryAction() {
        assertThat(ActionGrid.DEFAULT.labels()).hasSize(25).doesNotHaveDuplicates();
        assertThat(ActionGrid.DEFAULT.labels().get(0)).isEqualTo("fluid none, vasopressor none");
        assertThat(ActionGrid.DEFAULT.label(new TreatmentAction(2, 1)))
                .isEqualTo("fluid [50, 180) mL/4h, vasopressor (0, 0.08) mcg/kg/min");
    }

    @Test
    void recomputesFromACohort() {
        double[] fluid = {0, 10, 20, 30, 40, 50, 60, 70, 80};
        double[] vaso = {0, 0, 0, 0.1, 0.2, 0.3, 0.4, 0.5};
        ActionGrid grid = ActionGrid.fromCohort(fluid, vaso);
        assertThat(grid.fluid().cutPoints()).containsExactly(27.5, 45, 62.5);
        assertThat(grid.vasopressor().binOf(0.5)).isEqualTo(4);
        assertThatThrownBy(() -> new TreatmentDose(-1, 0)).hasMessageContaining("fluid");
    }
}
