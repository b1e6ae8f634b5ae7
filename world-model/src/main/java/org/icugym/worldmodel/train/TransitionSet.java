package org.icugym.worldmodel.train;

import java.util.List;
import org.icugym.worldmodel.data.StaySequence;
import org.icugym.worldmodel.model.InputEncoding;

/**
 * Every transition of a list of stays as flat arrays: encoded input rows and the targets of each
 * head. Row {@code i} is the step {@code t → t + 1} of some stay.
 */
final class TransitionSet {
    final int rows;
    final int featureCount;
    final int inputSize;
    final float[] inputs;
    final float[] current;
    final float[] next;
    final float[] nextMask;
    final float[] ventilation;
    final float[] end;
    final float[] death;
    /** Row index of the last transition of each stay that has one. */
    final int[] lastOfStay;

    private TransitionSet(int rows, int featureCount, int inputSize, int stays) {
        this.rows = rows;
        this.featureCount = featureCount;
        this.inputSize = inputSize;
        inputs = new float[rows * inputSize];
        current = new float[rows * featureCount];
        next = new float[rows * featureCount];
        nextMask = new float[rows * featureCount];
        ventilation = new float[rows];
        end = new float[rows];
        death = new float[rows];
        lastOfStay = new int[stays];
    }

    static TransitionSet of(List<StaySequence> stays, InputEncoding encoding) {
        int rows = 0;
        int withTransitions = 0;
        for (StaySequence stay : stays) {
            rows += stay.transitions();
            withTransitions += stay.transitions() > 0 ? 1 : 0;
        }
        int f = encoding.featureCount();
        TransitionSet set = new TransitionSet(rows, f, encoding.inputSize(), withTransitions);
        int row = 0;
        int stayIndex = 0;
        for (StaySequence stay : stays) {
            for (int t = 0; t < stay.transitions(); t++, row++) {
                encoding.encode(stay.features(), stay.masks(), stay.ventilation(), stay.actions(), t, stay.actions()[t],
                        stay.statics(), set.inputs, row * set.inputSize);
                System.arraycopy(stay.features()[t], 0, set.current, row * f, f);
                System.arraycopy(stay.features()[t + 1], 0, set.next, row * f, f);
                System.arraycopy(stay.masks()[t + 1], 0, set.nextMask, row * f, f);
                set.ventilation[row] = stay.ventilation()[t + 1];
                boolean last = t == stay.transitions() - 1;
                set.end[row] = last && !stay.truncated() ? 1f : 0f;
                set.death[row] = stay.died() ? 1f : 0f;
            }
            if (stay.transitions() > 0) {
                set.lastOfStay[stayIndex++] = row - 1;
            }
        }
        return set;
    }
}
