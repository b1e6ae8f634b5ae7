package org.icugym.worldmodel.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icugym.worldmodel.data.StaySequence;
import org.icugym.worldmodel.inference.Prediction;
import org.icugym.worldmodel.inference.WorldModel;
import org.icugym.worldmodel.model.InputEncoding;
import org.icugym.worldmodel.train.Auroc;

/**
 * One-step fidelity of an ensemble on held-out stays: every transition {@code t → t + 1} is
 * predicted from the recorded history and the recorded action, with the ensemble mean as the
 * point prediction and the ensemble's moment-matched Gaussian (mean of member variances plus
 * variance of member means) as the predictive distribution.
 *
 * @param stays stays evaluated
 * @param transitions transitions evaluated
 * @param featureMae standardized MAE per dynamic feature over freshly measured next values
 * @param mae standardized MAE over all freshly measured next values
 * @param persistenceMae the same MAE of predicting "no change" (the current held value)
 * @param heldMae standardized MAE against the sample-and-hold next values of every feature measured
 *     so far (the imputed-target convention of SepsisAgent's figure)
 * @param heldPersistenceMae the same for "no change"
 * @param nll Gaussian NLL per measured next value (nats), averaged over members
 * @param coverage50 share of measured next values inside the central 50 % predictive interval
 * @param coverage90 share inside the central 90 % interval
 * @param ventilationAuroc AUROC of the ventilation head for ventilation at the next step (NaN if one class)
 * @param endAuroc AUROC of the end-of-stay hazard over all transitions (NaN if one class)
 * @param outcomeAuroc AUROC of the death head at each stay's last transition
 * @param outcomeAuprc average precision of the same
 * @param mortality observed 90-day mortality of the stays (the AUPRC of a random score)
 * @param outcomeBrier Brier score of the death head at each stay's last transition
 * @param outcomeEce expected calibration error of the same over {@link #reliability()}
 * @param reliability ten equal-width bins of predicted death probability
 */
public record OneStepFidelity(int stays, int transitions, Map<String, Double> featureMae, double mae, double persistenceMae,
        double heldMae, double heldPersistenceMae, double nll, double coverage50, double coverage90, double ventilationAuroc,
        double endAuroc, double outcomeAuroc, double outcomeAuprc, double mortality, double outcomeBrier, double outcomeEce,
        List<ReliabilityBin> reliability) {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double Z50 = 0.6744897501960817;
    private static final double Z90 = 1.6448536269514722;
    private static final int BATCH = 1024;
    private static final int BINS = 10;

    /** Copies the collections. */
    public OneStepFidelity {
        featureMae = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(featureMae));
        reliability = List.copyOf(reliability);
    }

    /**
     * One bin of the outcome reliability diagram.
     *
     * @param low lower edge of predicted probability
     * @param high upper edge
     * @param count stays whose prediction falls in the bin
     * @param meanPredicted mean predicted death probability in the bin (NaN if empty)
     * @param observed observed death rate in the bin (NaN if empty)
     */
    public record ReliabilityBin(double low, double high, int count, double meanPredicted, double observed) {}

    /**
     * Measures a model on stays standardized with its own statistics.
     *
     * @param model the loaded ensemble
     * @param stays the held-out stays
     * @param featureNames names of the dynamic features, in model order
     */
    public static OneStepFidelity measure(WorldModel model, List<StaySequence> stays, List<String> featureNames) {
        Accumulator acc = new Accumulator(featureNames.size(), model.members());
        InputEncoding encoding = model.encoding();
        int width = encoding.inputSize();
        List<int[]> pending = new ArrayList<>();
        float[] inputs = new float[BATCH * width];
        for (int s = 0; s < stays.size(); s++) {
            StaySequence stay = stays.get(s);
            for (int t = 0; t < stay.transitions(); t++) {
                encoding.encode(stay.features(), stay.masks(), stay.ventilation(), stay.actions(), t, stay.actions()[t],
                        stay.statics(), inputs, pending.size() * width);
                pending.add(new int[] {s, t});
                if (pending.size() == BATCH) {
                    acc.add(model.predictAll(inputs, pending.size()), pending, stays);
                    pending.clear();
                }
            }
        }
        if (!pending.isEmpty()) {
            acc.add(model.predictAll(inputs, pending.size()), pending, stays);
        }
        return acc.result(stays, featureNames);
    }

    /** Running sums over batches of transitions. */
    private static final class Accumulator {
        final int f;
        final int members;
        final double[] absError;
        final long[] counts;
        double persistence;
        double held;
        double heldPersistence;
        long heldCount;
        double nll;
        long inside50;
        long inside90;
        final List<Double> vent = new ArrayList<>();
        final List<Boolean> ventLabel = new ArrayList<>();
        final List<Double> end = new ArrayList<>();
        final List<Boolean> endLabel = new ArrayList<>();
        final List<Double> lastDeath = new ArrayList<>();
        final List<Boolean> died = new ArrayList<>();
        int transitions;

        Accumulator(int f, int members) {
            this.f = f;
            this.members = members;
            absError = new double[f];
            counts = new long[f];
        }

        void add(List<Prediction> all, List<int[]> rows, List<StaySequence> stays) {
            for (int r = 0; r < rows.size(); r++) {
                StaySequence stay = stays.get(rows.get(r)[0]);
                int t = rows.get(r)[1];
                for (int k = 0; k < f; k++) {
                    addFeature(all, r, stay, t, k);
                }
                double v = 0;
                double e = 0;
                double d = 0;
                for (Prediction p : all) {
                    v += p.ventilation()[r] / (double) members;
                    e += p.end()[r] / (double) members;
                    d += p.death()[r] / (double) members;
                }
                vent.add(v);
                ventLabel.add(stay.ventilation()[t + 1] > 0.5f);
                boolean last = t == stay.transitions() - 1;
                end.add(e);
                endLabel.add(last && !stay.truncated());
                if (last) {
                    lastDeath.add(d);
                    died.add(stay.died());
                }
                transitions++;
            }
        }

        private void addFeature(List<Prediction> all, int r, StaySequence stay, int t, int k) {
            double mean = 0;
            double secondMoment = 0;
            double memberNll = 0;
            float y = stay.features()[t + 1][k];
            for (Prediction p : all) {
                double m = p.mean(r, k);
                double sd = p.std(r, k);
                mean += m / members;
                secondMoment += (sd * sd + m * m) / members;
                double z = (y - m) / sd;
                memberNll += (0.5 * z * z + Math.log(sd) + HALF_LOG_TWO_PI) / members;
            }
            if (everMeasured(stay, t + 1, k)) {
                held += Math.abs(y - mean);
                heldPersistence += Math.abs(y - stay.features()[t][k]);
                heldCount++;
            }
            if (stay.masks()[t + 1][k] == 0) {
                return;
            }
            double sd = Math.sqrt(Math.max(1e-12, secondMoment - mean * mean));
            double z = Math.abs(y - mean) / sd;
            inside50 += z <= Z50 ? 1 : 0;
            inside90 += z <= Z90 ? 1 : 0;
            nll += memberNll;
            absError[k] += Math.abs(y - mean);
            persistence += Math.abs(y - stay.features()[t][k]);
            counts[k]++;
        }

        private static boolean everMeasured(StaySequence stay, int upTo, int k) {
            for (int s = 0; s <= upTo; s++) {
                if (stay.masks()[s][k] > 0) {
                    return true;
                }
            }
            return false;
        }

        OneStepFidelity result(List<StaySequence> stays, List<String> names) {
            Map<String, Double> featureMae = new LinkedHashMap<>();
            double total = 0;
            long n = 0;
            for (int k = 0; k < f; k++) {
                featureMae.put(names.get(k), counts[k] == 0 ? Double.NaN : absError[k] / counts[k]);
                total += absError[k];
                n += counts[k];
            }
            double[] death = unbox(lastDeath);
            boolean[] outcome = flags(died);
            List<ReliabilityBin> bins = reliability(death, outcome);
            double brier = 0;
            double deaths = 0;
            for (int i = 0; i < death.length; i++) {
                brier += Math.pow(death[i] - (outcome[i] ? 1 : 0), 2) / death.length;
                deaths += outcome[i] ? 1 : 0;
            }
            double ece = 0;
            for (ReliabilityBin b : bins) {
                ece += b.count() == 0 ? 0 : b.count() / (double) death.length * Math.abs(b.meanPredicted() - b.observed());
            }
            double perValue = Math.max(1, n);
            return new OneStepFidelity(stays.size(), transitions, featureMae, total / perValue, persistence / perValue,
                    held / Math.max(1, heldCount), heldPersistence / Math.max(1, heldCount), nll / perValue,
                    inside50 / perValue, inside90 / perValue, Auroc.of(unbox(vent), flags(ventLabel)),
                    Auroc.of(unbox(end), flags(endLabel)), Auroc.of(death, outcome), Ranking.averagePrecision(death, outcome),
                    deaths / Math.max(1, death.length), brier, ece, bins);
        }

        private static List<ReliabilityBin> reliability(double[] p, boolean[] y) {
            List<ReliabilityBin> bins = new ArrayList<>();
            for (int b = 0; b < BINS; b++) {
                double low = b / (double) BINS;
                double high = (b + 1) / (double) BINS;
                int count = 0;
                double predicted = 0;
                double observed = 0;
                for (int i = 0; i < p.length; i++) {
                    if (p[i] >= low && (p[i] < high || b == BINS - 1)) {
                        count++;
                        predicted += p[i];
                        observed += y[i] ? 1 : 0;
                    }
                }
                bins.add(new ReliabilityBin(low, high, count, count == 0 ? Double.NaN : predicted / count,
                        count == 0 ? Double.NaN : observed / count));
            }
            return bins;
        }

        private static double[] unbox(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }

        private static boolean[] flags(List<Boolean> values) {
            boolean[] out = new boolean[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i);
            }
            return out;
        }
    }
}
