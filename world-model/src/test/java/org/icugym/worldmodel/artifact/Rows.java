package org.icugym.worldmodel.artifact;

import org.icugym.worldmodel.data.StaySequence;
import org.icugym.worldmodel.data.TrainingData;
import org.icugym.worldmodel.model.InputEncoding;

/** Encodes the first transitions of a data set as model input rows, for tests. */
public final class Rows {
    private Rows() {}

    /** The first {@code n} transitions of {@code data}, encoded with {@code encoding}. */
    public static float[] first(TrainingData data, InputEncoding encoding, int n) {
        float[] rows = new float[n * encoding.inputSize()];
        int row = 0;
        for (StaySequence stay : data.stays()) {
            for (int t = 0; t < stay.transitions() && row < n; t++, row++) {
                encoding.encode(stay.features(), stay.masks(), stay.ventilation(), stay.actions(), t, stay.actions()[t],
                        stay.statics(), rows, row * encoding.inputSize());
            }
        }
        if (row < n) {
            throw new IllegalArgumentException("only " + row + " transitions");
        }
        return rows;
    }
}
