package org.icugym.core.clinical.action;

import java.util.ArrayList;
import java.util.List;

/**
 * A discrete sepsis treatment: an IV-fluid bin and a vasopressor bin, each 0 (none) to 4.
 *
 * <p>The action index used on the wire is {@code 5 × fluidBin + vasopressorBin} (0–24), so
 * index 0 is no treatment and index 24 the highest bin of both.
 *
 * @param fluidBin IV-fluid bin, 0–4
 * @param vasopressorBin vasopressor bin, 0–4
 */
public record TreatmentAction(int fluidBin, int vasopressorBin) {

    /** The number of discrete actions (25). */
    public static final int COUNT = DoseBins.BIN_COUNT * DoseBins.BIN_COUNT;
    /** No fluid and no vasopressor (index 0). */
    public static final TreatmentAction NONE = new TreatmentAction(0, 0);

    private static final List<TreatmentAction> ALL = enumerate();

    /** Validates the bins. */
    public TreatmentAction {
        checkBin(fluidBin, "fluid");
        checkBin(vasopressorBin, "vasopressor");
    }

    /**
     * The action with this index.
     *
     * @param index 0–24
     * @throws IllegalArgumentException if out of range
     */
    public static TreatmentAction fromIndex(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("action index must be in [0, " + COUNT + "), got " + index);
        }
        return ALL.get(index);
    }

    /** All 25 actions in index order. */
    public static List<TreatmentAction> all() {
        return ALL;
    }

    /** The action index, {@code 5 × fluidBin + vasopressorBin}. */
    public int index() {
        return DoseBins.BIN_COUNT * fluidBin + vasopressorBin;
    }

    /** Whether neither fluid nor vasopressor is given. */
    public boolean isNoTreatment() {
        return fluidBin == 0 && vasopressorBin == 0;
    }

    private static void checkBin(int bin, String drug) {
        if (bin < 0 || bin >= DoseBins.BIN_COUNT) {
            throw new IllegalArgumentException(drug + " bin must be in [0, " + DoseBins.BIN_COUNT + "), got " + bin);
        }
    }

    private static List<TreatmentAction> enumerate() {
        List<TreatmentAction> all = new ArrayList<>(COUNT);
        for (int f = 0; f < DoseBins.BIN_COUNT; f++) {
            for (int v = 0; v < DoseBins.BIN_COUNT; v++) {
                all.add(new TreatmentAction(f, v));
            }
        }
        return List.copyOf(all);
    }
}
