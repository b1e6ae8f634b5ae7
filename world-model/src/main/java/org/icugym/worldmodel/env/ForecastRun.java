package org.icugym.worldmodel.env;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.icugym.core.clinical.reward.Outcome;
import org.icugym.core.env.CandidateForecast;
import org.icugym.core.env.Forecast;
import org.icugym.core.envs.physiology.PhysiologyForecast;
import org.icugym.core.envs.physiology.PhysiologyObservation;
import org.icugym.core.random.Rng;
import org.icugym.worldmodel.inference.Prediction;
import org.icugym.worldmodel.model.InputEncoding;

/**
 * One Simulate call of a world-model environment: K plans × N samples as branches copied from the
 * environment's patient, advanced together one step per round with one predictor request per
 * round. Each branch asks every member (the spread of member means, in standardized units
 * averaged over features, is the step's disagreement) and advances with one member drawn from
 * its own stream.
 */
final class ForecastRun {
    private final WorldModelVectorEnv env;
    private final WorldModelEnvironment model;
    private final int[][] plans;
    private final int numSamples;
    private final PatientTrack[] branches;
    private final Rng[] rngs;
    private final boolean[] done;
    private final double[] risk;
    private final float[][] lastRow;
    private final PhysiologyForecast[] acc;
    private final int horizon;
    private final float[] noFlags;

    ForecastRun(WorldModelVectorEnv env, PatientTrack origin, int[][] plans, long[] seeds) {
        this.env = env;
        this.model = env.model();
        this.plans = plans;
        this.numSamples = seeds.length;
        this.horizon = plans[0].length;
        int b = plans.length * numSamples;
        this.branches = new PatientTrack[b];
        this.rngs = new Rng[b];
        this.done = new boolean[b];
        this.risk = new double[b];
        this.lastRow = new float[b][PhysiologyObservation.DIM];
        this.acc = new PhysiologyForecast[plans.length];
        int flags = model.safety().ruleNames().size();
        this.noFlags = new float[flags];
        for (int k = 0; k < plans.length; k++) {
            acc[k] = new PhysiologyForecast(horizon, flags, numSamples);
            for (int s = 0; s < numSamples; s++) {
                branches[k * numSamples + s] = origin.copy();
                rngs[k * numSamples + s] = new Rng(seeds[s]);
            }
        }
    }

    CompletionStage<Forecast> start() {
        return round(0);
    }

    private CompletionStage<Forecast> round(int h) {
        if (h == horizon) {
            List<CandidateForecast> out = new ArrayList<>(plans.length);
            for (PhysiologyForecast a : acc) {
                out.add(a.result());
            }
            return CompletableFuture.completedFuture(new Forecast(env.forecastFeatures(), env.forecastFlags(),
                    numSamples, false, out));
        }
        int members = model.members();
        InputEncoding encoding = model.encoding();
        int width = encoding.inputSize();
        int live = 0;
        for (boolean d : done) {
            live += d ? 0 : 1;
        }
        if (live == 0) {
            advance(h, null, null);
            return round(h + 1);
        }
        int rows = live * members;
        float[] inputs = new float[rows * width];
        int[] memberOfRow = new int[rows];
        int[] firstRow = new int[branches.length];
        int r = 0;
        for (int b = 0; b < branches.length; b++) {
            if (done[b]) {
                firstRow[b] = -1;
                continue;
            }
            PatientTrack tr = branches[b];
            int action = plans[b / numSamples][h];
            firstRow[b] = r;
            for (int m = 0; m < members; m++, r++) {
                encoding.encode(tr.features, tr.masks, tr.ventilation, tr.actions, tr.t, action, tr.stay.statics(),
                        inputs, r * width);
                memberOfRow[r] = m;
            }
        }
        return model.predictor().predict(inputs, memberOfRow, rows).thenCompose(p -> {
            advance(h, p, firstRow);
            return round(h + 1);
        });
    }

    private void advance(int h, Prediction p, int[] firstRow) {
        int members = model.members();
        for (int b = 0; b < branches.length; b++) {
            PhysiologyForecast a = acc[b / numSamples];
            if (done[b]) {
                a.stepped(h, lastRow[b], risk[b], 0, noFlags, true);
                continue;
            }
            int row = firstRow[b] + rngs[b].nextInt(members);
            PatientTrack tr = branches[b];
            WorldModelVectorEnv.Transition t = env.sampleBranch(tr, plans[b / numSamples][h], p, row, rngs[b]);
            boolean finished = t.outcome() != Outcome.CONTINUING;
            risk[b] = t.ended() && t.outcome() == Outcome.DIED ? 1.0 : p.death()[row];
            model.observation().write(tr, lastRow[b], 0);
            a.stepped(h, lastRow[b], risk[b], t.reward(), t.report().toArray(), finished);
            a.disagreement(h, disagreement(p, firstRow[b], members));
            done[b] = finished;
        }
    }

    /** Mean over features of the SD of the member means (standardized units). */
    private static double disagreement(Prediction p, int first, int members) {
        if (members < 2) {
            return 0;
        }
        int f = p.featureCount();
        double total = 0;
        for (int k = 0; k < f; k++) {
            double sum = 0;
            double sq = 0;
            for (int m = 0; m < members; m++) {
                double v = p.mean(first + m, k);
                sum += v;
                sq += v * v;
            }
            double mean = sum / members;
            total += Math.sqrt(Math.max(0, sq / members - mean * mean));
        }
        return total / f;
    }
}
