package org.icugym.worldmodel.report;

import java.util.ArrayList;
import java.util.List;
import org.icugym.worldmodel.data.StaySequence;
import org.icugym.worldmodel.inference.Prediction;
import org.icugym.worldmodel.inference.WorldModel;
import org.icugym.worldmodel.model.InputEncoding;

/**
 * Multi-step (open-loop) rollout error: from every step {@code t} of every held-out stay, the
 * model is rolled forward with the recorded actions, feeding back its own ensemble-mean
 * predictions, and its prediction {@code k} steps ahead is compared with the value measured at
 * {@code t + k}.
 *
 * <p>Fed-back steps follow the recorded measurement schedule: a feature measured at {@code t + k}
 * takes the predicted mean, the others carry the previous value forward (as in the training
 * inputs); ventilation takes the predicted probability rounded at 0.5. At one step this equals
 * the one-step MAE.
 *
 * @param horizons the error at each horizon, 1 step upwards
 */
public record RolloutFidelity(List<Horizon> horizons) {
    private static final int CHUNK_STAYS = 128;

    /** Copies the list. */
    public RolloutFidelity {
        horizons = List.copyOf(horizons);
    }

    /**
     * The error {@code steps} steps ahead.
     *
     * @param steps horizon in 4 h steps
     * @param starts rollouts that reached this horizon
     * @param values measured values compared
     * @param mae standardized MAE of the rolled-out mean
     * @param persistenceMae standardized MAE of carrying the start step's values forward
     */
    public record Horizon(int steps, long starts, long values, double mae, double persistenceMae) {}

    /** The result at a horizon (1-based). */
    public Horizon at(int steps) {
        return horizons.get(steps - 1);
    }

    /**
     * Rolls the model out from every step of every stay.
     *
     * @param model the loaded ensemble
     * @param stays held-out stays standardized with the model's statistics
     * @param maxHorizon longest horizon in steps (≥ 1)
     */
    public static RolloutFidelity measure(WorldModel model, List<StaySequence> stays, int maxHorizon) {
        if (maxHorizon < 1) {
            throw new IllegalArgumentException("maxHorizon must be >= 1, got " + maxHorizon);
        }
        long[] starts = new long[maxHorizon];
        long[] values = new long[maxHorizon];
        double[] error = new double[maxHorizon];
        double[] persistence = new double[maxHorizon];
        for (int from = 0; from < stays.size(); from += CHUNK_STAYS) {
            List<Rollout> rollouts = new ArrayList<>();
            for (StaySequence stay : stays.subList(from, Math.min(stays.size(), from + CHUNK_STAYS))) {
                for (int t = 0; t < stay.transitions(); t++) {
                    rollouts.add(new Rollout(stay, t));
                }
            }
            for (int k = 1; k <= maxHorizon; k++) {
                int horizon = k;
                List<Rollout> active = rollouts.stream().filter(r -> r.start + horizon < r.stay.steps()).toList();
                if (active.isEmpty()) {
                    break;
                }
                float[][] mean = ensembleMean(model, active, horizon);
                for (int r = 0; r < active.size(); r++) {
                    Rollout roll = active.get(r);
                    int step = roll.start + horizon;
                    float[] recorded = roll.stay.features()[step];
                    float[] mask = roll.stay.masks()[step];
                    for (int f = 0; f < recorded.length; f++) {
                        if (mask[f] > 0) {
                            error[k - 1] += Math.abs(mean[r][f] - recorded[f]);
                            persistence[k - 1] += Math.abs(roll.stay.features()[roll.start][f] - recorded[f]);
                            values[k - 1]++;
                            roll.features[step][f] = mean[r][f];
                        } else {
                            roll.features[step][f] = roll.features[step - 1][f];
                        }
                    }
                    roll.ventilation[step] = mean[r][recorded.length] > 0.5f ? 1f : 0f;
                    starts[k - 1]++;
                }
            }
        }
        List<Horizon> result = new ArrayList<>();
        for (int k = 0; k < maxHorizon; k++) {
            double n = Math.max(1, values[k]);
            result.add(new Horizon(k + 1, starts[k], values[k], values[k] == 0 ? Double.NaN : error[k] / n,
                    values[k] == 0 ? Double.NaN : persistence[k] / n));
        }
        return new RolloutFidelity(result);
    }

    /** Ensemble-mean next features (and ventilation probability as the last entry) of each rollout. */
    private static float[][] ensembleMean(WorldModel model, List<Rollout> active, int horizon) {
        InputEncoding encoding = model.encoding();
        int width = encoding.inputSize();
        float[] inputs = new float[active.size() * width];
        for (int r = 0; r < active.size(); r++) {
            Rollout roll = active.get(r);
            int t = roll.start + horizon - 1;
            encoding.encode(roll.features, roll.stay.masks(), roll.ventilation, roll.stay.actions(), t,
                    roll.stay.actions()[t], roll.stay.statics(), inputs, r * width);
        }
        List<Prediction> all = model.predictAll(inputs, active.size());
        int f = encoding.featureCount();
        float[][] mean = new float[active.size()][f + 1];
        for (Prediction p : all) {
            for (int r = 0; r < active.size(); r++) {
                for (int k = 0; k < f; k++) {
                    mean[r][k] += p.mean(r, k) / all.size();
                }
                mean[r][f] += p.ventilation()[r] / all.size();
            }
        }
        return mean;
    }

    /** One rollout: the stay's arrays, overwritten from the step after {@code start} with predictions. */
    private static final class Rollout {
        final StaySequence stay;
        final int start;
        final float[][] features;
        final float[] ventilation;

        Rollout(StaySequence stay, int start) {
            this.stay = stay;
            this.start = start;
            this.features = new float[stay.steps()][];
            for (int t = 0; t < stay.steps(); t++) {
                features[t] = stay.features()[t].clone();
            }
            this.ventilation = stay.ventilation().clone();
        }
    }
}
