package org.icugym.worldmodel.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.icugym.core.clinical.action.TreatmentAction;
import org.junit.jupiter.api.Test;

class InputEncodingTest {
    private final InputEncoding encoding = new InputEncoding(2, 1, 3);

    @Test
    void sizesFollowTheLayout() {
        assertThat(encoding.slotWidth()).isEqualTo(2 * 2 + 12);
        assertThat(encoding.inputSize()).isEqualTo(3 * 16 + 1);
        assertThat(encoding.currentFeaturesOffset()).isEqualTo(32);
    }

    @Test
    void slotsBeforeAdmissionAreZeroAndTheCurrentSlotHoldsTheCandidateAction() {
        float[][] features = {{1, 2}, {3, 4}};
        float[][] masks = {{1, 0}, {1, 1}};
        float[] vent = {0, 1};
        int[] actions = {new TreatmentAction(1, 2).index()};
        float[] out = new float[encoding.inputSize()];
        int candidate = new TreatmentAction(4, 0).index();
        encoding.encode(features, masks, vent, actions, 1, candidate, new float[] {0.5f}, out, 0);

        for (int i = 0; i < 16; i++) {
            assertThat(out[i]).as("padding slot value %d", i).isZero();
        }
        // slot 1 = step 0: features, masks, vent, fluid one-hot (bin 1), vaso one-hot (bin 2), present
        assertThat(slice(out, 16, 32)).containsExactly(1, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1);
        // slot 2 = step 1 with the candidate action (fluid 4, vaso 0)
        assertThat(slice(out, 32, 48)).containsExactly(3, 4, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1);
        assertThat(out[48]).isEqualTo(0.5f);
    }

    private static float[] slice(float[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }
}
