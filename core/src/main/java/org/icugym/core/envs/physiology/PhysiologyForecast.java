package org.icugym.core.envs.physiology;

import java.util.List;
import org.icugym.core.env.CandidateForecast;

/**
 * Accumulates the samples of one candidate plan into a {@link CandidateForecast}: the forecast
 * features are the key vitals, labs and SOFA of the {@code Sepsis-Physiology-v1} observation (in
 * its units, sample-and-hold imputed as the policy sees them). Every environment with that
 * observation layout ({@link PhysiologyObservation}) forecasts through it, so forecasts compare.
 * Not thread-safe.
 */
public final class PhysiologyForecast {
    /** The forecast features: names of observation elements. */
    public static final List<String> FEATURES = List.of("heart_rate", "meanbp", "sysbp", "resp_rate", "spo2", "temp_c",
            "lactate", "creatinine", "output_4hourly", "sofa");
    private static final int[] COLUMNS = FEATURES.stream()
            .mapToInt(name -> PhysiologyObservation.space().names().indexOf(name)).toArray();

    static {
        for (int c = 0; c < COLUMNS.length; c++) {
            if (COLUMNS[c] < 0) {
                throw new IllegalStateException("forecast feature " + FEATURES.get(c) + " is not in the observation");
            }
        }
    }

    private final int horizon;
    private final int numFlags;
    private final int numSamples;
    private final double[] sum;
    private final double[] sumSquares;
    private final double[] risk;
    private final double[] reward;
    private final double[] flags;
    private final double[] done;
    private final double[] disagreement;
    private final float[] last = new float[COLUMNS.length];

    /**
     * An empty accumulator.
     *
     * @param horizon H, steps per plan
     * @param numFlags R, safety flags per step
     * @param numSamples samples that will be recorded
     */
    public PhysiologyForecast(int horizon, int numFlags, int numSamples) {
        this.horizon = horizon;
        this.numFlags = numFlags;
        this.numSamples = numSamples;
        this.sum = new double[horizon * COLUMNS.length];
        this.sumSquares = new double[horizon * COLUMNS.length];
        this.risk = new double[horizon];
        this.reward = new double[horizon];
        this.flags = new double[horizon * numFlags];
        this.done = new double[horizon];
        this.disagreement = new double[horizon];
    }

    /** Starts a new sample. */
    public void startSample() {
        java.util.Arrays.fill(last, Float.NaN);
    }

    /** Records step {@code h} of the current sample from its observation row. */
    public void stepped(int h, float[] row, double mortalityRisk, double stepReward, float[] stepFlags, boolean finished) {
        for (int c = 0; c < COLUMNS.length; c++) {
            last[c] = row[COLUMNS[c]];
        }
        addFeatures(h);
        risk[h] += mortalityRisk;
        reward[h] += stepReward;
        for (int r = 0; r < numFlags; r++) {
            flags[h * numFlags + r] += stepFlags[r];
        }
        done[h] += finished ? 1 : 0;
    }

    /** Records step {@code h} of a sample whose episode already ended: last features and risk, no reward or flags. */
    public void ended(int h, double mortalityRisk) {
        addFeatures(h);
        risk[h] += mortalityRisk;
        done[h] += 1;
    }

    /** Adds one sample's ensemble disagreement at step {@code h} (averaged over samples in the result). */
    public void disagreement(int h, double value) {
        disagreement[h] += value;
    }

    private void addFeatures(int h) {
        for (int c = 0; c < COLUMNS.length; c++) {
            sum[h * COLUMNS.length + c] += last[c];
            sumSquares[h * COLUMNS.length + c] += (double) last[c] * last[c];
        }
    }

    /** The statistics over every recorded sample. */
    public CandidateForecast result() {
        float[] mean = new float[sum.length];
        float[] std = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            double m = sum[i] / numSamples;
            mean[i] = (float) m;
            std[i] = (float) Math.sqrt(Math.max(0, sumSquares[i] / numSamples - m * m));
        }
        return new CandidateForecast(horizon, mean, std, averaged(risk), averaged(reward), averaged(flags),
                averaged(done), averaged(disagreement));
    }

    private float[] averaged(double[] totals) {
        float[] out = new float[totals.length];
        for (int i = 0; i < totals.length; i++) {
            out[i] = (float) (totals[i] / numSamples);
        }
        return out;
    }
}
