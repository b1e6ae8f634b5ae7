package org.icugym.worldmodel.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.inference.Prediction;
import org.icugym.worldmodel.inference.WorldModel;

/**
 * Measures a trained ensemble on held-out transitions: Gaussian NLL, standardized MAE (overall
 * and per feature) and the AUROC of the ventilation, end-of-stay and outcome heads.
 */
final class FidelityEvaluator {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final int BATCH = 1024;

    private FidelityEvaluator() {}

    static TrainingMetrics evaluate(WorldModelArtifact artifact, String device, TransitionSet set, TrainingMetrics base,
            double seconds) {
        int f = set.featureCount;
        double[] absError = new double[f];
        long[] counts = new long[f];
        double nll = 0;
        double mixtureNll = 0;
        double[] vent = new double[set.rows];
        double[] end = new double[set.rows];
        double[] death = new double[set.rows];
        try (WorldModel model = WorldModel.open(artifact, device)) {
            int members = model.members();
            for (int from = 0; from < set.rows; from += BATCH) {
                int rows = Math.min(BATCH, set.rows - from);
                float[] inputs = new float[rows * set.inputSize];
                System.arraycopy(set.inputs, from * set.inputSize, inputs, 0, inputs.length);
                List<Prediction> all = model.predictAll(inputs, rows);
                for (int r = 0; r < rows; r++) {
                    int row = from + r;
                    for (int k = 0; k < f; k++) {
                        if (set.nextMask[row * f + k] == 0) {
                            continue;
                        }
                        double y = set.next[row * f + k];
                        double meanOfMeans = 0;
                        double[] logDensity = new double[members];
                        for (int m = 0; m < members; m++) {
                            Prediction p = all.get(m);
                            double z = (y - p.mean(r, k)) / p.std(r, k);
                            logDensity[m] = -(0.5 * z * z + Math.log(p.std(r, k)) + HALF_LOG_TWO_PI);
                            nll -= logDensity[m] / members;
                            meanOfMeans += p.mean(r, k) / members;
                        }
                        mixtureNll -= logMeanExp(logDensity);
                        absError[k] += Math.abs(y - meanOfMeans);
                        counts[k]++;
                    }
                    for (Prediction p : all) {
                        vent[row] += p.ventilation()[r] / (double) members;
                        end[row] += p.end()[r] / (double) members;
                        death[row] += p.death()[r] / (double) members;
                    }
                }
            }
        }
        return metrics(artifact, set, base, seconds, absError, counts, new double[] {nll, mixtureNll}, vent, end, death);
    }

    private static double logMeanExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum / x.length);
    }

    private static TrainingMetrics metrics(WorldModelArtifact artifact, TransitionSet set, TrainingMetrics base,
            double seconds, double[] absError, long[] counts, double[] nll, double[] vent, double[] end, double[] death) {
        Map<String, Double> featureMae = new LinkedHashMap<>();
        double totalError = 0;
        long total = 0;
        for (int k = 0; k < set.featureCount; k++) {
            String name = artifact.layout().dynamicFeatures().get(k);
            featureMae.put(name.substring(0, name.indexOf('[')), counts[k] == 0 ? Double.NaN : absError[k] / counts[k]);
            totalError += absError[k];
            total += counts[k];
        }
        double[] lastDeath = new double[set.lastOfStay.length];
        boolean[] died = new boolean[set.lastOfStay.length];
        for (int s = 0; s < lastDeath.length; s++) {
            lastDeath[s] = death[set.lastOfStay[s]];
            died[s] = set.death[set.lastOfStay[s]] > 0.5f;
        }
        return new TrainingMetrics(base.trainStays(), base.validationStays(), set.rows, nll[0] / Math.max(1, total),
                nll[1] / Math.max(1, total),
                totalError / Math.max(1, total), featureMae, Auroc.of(vent, flags(set.ventilation)),
                Auroc.of(end, flags(set.end)), Auroc.of(lastDeath, died), base.epochs(), base.bestValidationLoss(), seconds);
    }

    private static boolean[] flags(float[] values) {
        boolean[] out = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] > 0.5f;
        }
        return out;
    }
}
