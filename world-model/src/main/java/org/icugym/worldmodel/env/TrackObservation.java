package org.icugym.worldmodel.env;

import java.util.List;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.Feature;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.clinical.score.DerivedFeatures;
import org.icugym.core.envs.physiology.PhysiologyObservation;
import org.icugym.worldmodel.data.Standardizer;

/**
 * Turns a {@link PatientTrack}'s standardized state into schema units and into the observation
 * layout of {@code Sepsis-Physiology-v1} ({@link PhysiologyObservation}), and keeps sampled values
 * inside the schema's bounds. Immutable; thread-safe.
 */
final class TrackObservation {
    private static final List<Feature> OBSERVED = SepsisSchema.OBSERVED;
    private static final int DYNAMIC = PhysiologyObservation.DYNAMIC;
    private final Standardizer standardizer;
    private final ActionGrid grid;
    private final float[] zLow;
    private final float[] zHigh;
    private final float[] low;
    private final float[] high;

    TrackObservation(Standardizer standardizer, ActionGrid grid) {
        this.standardizer = standardizer;
        this.grid = grid;
        this.zLow = new float[DYNAMIC];
        this.zHigh = new float[DYNAMIC];
        for (int f = 0; f < DYNAMIC; f++) {
            zLow[f] = bound(standardizer.standardize(f, OBSERVED.get(f).lowerBound()), Float.NEGATIVE_INFINITY);
            zHigh[f] = bound(standardizer.standardize(f, OBSERVED.get(f).upperBound()), Float.POSITIVE_INFINITY);
        }
        double[] l = PhysiologyObservation.space().low();
        double[] h = PhysiologyObservation.space().high();
        this.low = new float[l.length];
        this.high = new float[h.length];
        for (int k = 0; k < l.length; k++) {
            low[k] = (float) l[k] < l[k] ? Math.nextUp((float) l[k]) : (float) l[k];
            high[k] = (float) h[k] > h[k] ? Math.nextDown((float) h[k]) : (float) h[k];
        }
    }

    /** A standardized value of dynamic feature {@code f} clamped to the feature's bounds. */
    float clamp(int f, float z) {
        return Math.max(zLow[f], Math.min(zHigh[f], z));
    }

    /** Recomputes the track's state in schema units and its derived scores from its current step. */
    void refresh(PatientTrack tr) {
        double[] values = new double[OBSERVED.size()];
        float[] z = tr.features[tr.t];
        for (int i = 0; i < values.length; i++) {
            double raw = standardizer.restore(i, i < DYNAMIC ? z[i] : tr.stay.statics()[i - DYNAMIC]);
            Feature f = OBSERVED.get(i);
            values[i] = Double.isNaN(raw) ? f.lowerBound() : Math.max(f.lowerBound(), Math.min(f.upperBound(), raw));
        }
        tr.current = ClinicalObservation.of(values);
        double vaso = tr.previous == null ? 0 : grid.doseOf(tr.previous).vasopressorMcgKgMin();
        tr.derived = DerivedFeatures.compute(tr.current, vaso, tr.ventilation[tr.t] > 0.5f);
    }

    /** Writes the track's current observation ({@link PhysiologyObservation#DIM} values) at {@code offset}. */
    void write(PatientTrack tr, float[] out, int offset) {
        double[] held = tr.current.toArray();
        for (int i = 0; i < held.length; i++) {
            put(out, offset, i, held[i]);
        }
        double[] derived = tr.derived.toArray();
        for (int d = 0; d < derived.length; d++) {
            put(out, offset, PhysiologyObservation.OBSERVED + d, derived[d]);
        }
        out[offset + PhysiologyObservation.PREVIOUS_ACTION] = tr.previous == null ? 0 : tr.previous.fluidBin();
        out[offset + PhysiologyObservation.PREVIOUS_ACTION + 1] = tr.previous == null ? 0 : tr.previous.vasopressorBin();
        float[] mask = tr.masks[tr.t];
        for (int f = 0; f < DYNAMIC; f++) {
            out[offset + PhysiologyObservation.MASK + f] = mask[f] > 0.5f ? 0f : 1f;
        }
    }

    private void put(float[] out, int offset, int k, double value) {
        float v = (float) value;
        out[offset + k] = Float.isNaN(v) ? low[k] : Math.max(low[k], Math.min(high[k], v));
    }

    private static float bound(double z, float otherwise) {
        return Double.isNaN(z) || Double.isInfinite(z) ? otherwise : (float) z;
    }
}
