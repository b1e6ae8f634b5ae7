package org.icugym.worldmodel.model;

import java.util.Arrays;
import org.icugym.core.clinical.action.DoseBins;
import org.icugym.core.clinical.action.TreatmentAction;

/**
 * How a patient's recent history and a candidate action become one model input row.
 *
 * <p>The row holds {@code historyLength} slots, oldest first, then the static features. Slot
 * {@code k} describes step {@code t − (historyLength − 1) + k}: its {@code F} standardized
 * features, {@code F} masks (1 = measured at that step), the ventilation flag, the action given
 * after that step as one-hot fluid bin (5) and one-hot vasopressor bin (5), and a presence flag
 * (0 for slots before admission, which are all zeros). The last slot's action is the action
 * being evaluated. Training and inference encode through this one class.
 *
 * @param featureCount dynamic features per step ({@code F})
 * @param staticCount static features ({@code S})
 * @param historyLength slots in the window
 */
public record InputEncoding(int featureCount, int staticCount, int historyLength) {
    private static final int BINS = DoseBins.BIN_COUNT;

    /** Validates the sizes. */
    public InputEncoding {
        if (featureCount < 1 || staticCount < 0 || historyLength < 1) {
            throw new IllegalArgumentException("featureCount " + featureCount + ", staticCount " + staticCount
                    + ", historyLength " + historyLength);
        }
    }

    /** Values per history slot: {@code 2F + 1 + 5 + 5 + 1}. */
    public int slotWidth() {
        return 2 * featureCount + 2 * BINS + 2;
    }

    /** Values per input row. */
    public int inputSize() {
        return historyLength * slotWidth() + staticCount;
    }

    /** Offset in a row of the current (last) step's standardized features. */
    public int currentFeaturesOffset() {
        return (historyLength - 1) * slotWidth();
    }

    /**
     * Writes the input row for the window ending at step {@code t} and the action given after it.
     *
     * @param features standardized features per step ({@code [≥ t+1][F]}); only steps up to {@code t} are read
     * @param masks measurement masks per step, same shape
     * @param ventilation ventilation flag per step
     * @param actions actions given after each step; entries {@code < t} are read
     * @param t the current step (0-based)
     * @param action the action given after step {@code t} (0–24)
     * @param statics standardized static features ({@code S})
     * @param out destination; {@link #inputSize()} values are written from {@code offset}
     * @param offset where the row starts in {@code out}
     */
    public void encode(float[][] features, float[][] masks, float[] ventilation, int[] actions, int t, int action,
            float[] statics, float[] out, int offset) {
        int width = slotWidth();
        Arrays.fill(out, offset, offset + inputSize(), 0f);
        for (int k = 0; k < historyLength; k++) {
            int step = t - (historyLength - 1) + k;
            if (step < 0) {
                continue;
            }
            int base = offset + k * width;
            System.arraycopy(features[step], 0, out, base, featureCount);
            System.arraycopy(masks[step], 0, out, base + featureCount, featureCount);
            int p = base + 2 * featureCount;
            out[p] = ventilation[step];
            TreatmentAction a = TreatmentAction.fromIndex(step == t ? action : actions[step]);
            out[p + 1 + a.fluidBin()] = 1f;
            out[p + 1 + BINS + a.vasopressorBin()] = 1f;
            out[p + 1 + 2 * BINS] = 1f;
        }
        System.arraycopy(statics, 0, out, offset + historyLength * width, staticCount);
    }
}
