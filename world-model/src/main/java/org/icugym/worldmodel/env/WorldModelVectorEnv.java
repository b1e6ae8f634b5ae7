package org.icugym.worldmodel.env;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.action.TreatmentDose;
import org.icugym.core.clinical.reward.Outcome;
import org.icugym.core.clinical.reward.RewardState;
import org.icugym.core.clinical.reward.SepsisReward;
import org.icugym.core.clinical.safety.SafetyEvaluator;
import org.icugym.core.clinical.safety.SafetyReport;
import org.icugym.core.clinical.safety.TreatmentContext;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.env.AsyncVectorEnv;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.Forecast;
import org.icugym.core.env.InfoBuffer;
import org.icugym.core.env.Simulatable;
import org.icugym.core.envs.physiology.PhysiologyForecast;
import org.icugym.core.random.Rng;
import org.icugym.worldmodel.inference.Prediction;
import org.icugym.worldmodel.model.InputEncoding;

/**
 * A vector of {@code Sepsis-WorldModel-v1} environments: each holds one patient whose next state
 * the Clinical World Model samples, started from a real held-out stay.
 *
 * <p>Reset draws a held-out stay and a start step within its first history-length steps (the
 * steps up to it are the history the model reads). A step encodes one input row per environment
 * that needs the model, sends the whole vector's rows as <em>one</em> request to the
 * {@link BatchPredictor} (which may merge it with other sessions' rows), then samples each
 * environment's next state from its drawn member: the Gaussian over the next standardized
 * features (each feature re-measured with its cohort measurement rate, else held), clamped to the
 * schema's bounds, and the ventilation, end-of-stay and death heads. Terminated when the
 * end-of-stay head fires; the ±15 outcome reward is paid from the sampled death on that step or
 * on the step that reaches the time limit. SOFA, the safety flags and the cost channel are computed
 * with {@code core}'s clinical code exactly as in {@code Sepsis-Physiology-v1}, whose observation
 * layout and infos this environment shares.
 *
 * <p>In replay mode an environment follows its real stay while the action equals the clinician's
 * recorded action, and switches to the model at the first deviation (or when the stay runs out).
 * Simulate always forecasts with the model, all members per row for the disagreement. Not
 * thread-safe; every random draw comes from the environment's (or the call's) stream, so a seed
 * gives the same episode whenever the predictor gives the same numbers.
 */
public final class WorldModelVectorEnv implements AsyncVectorEnv, Simulatable {
    private static final int REPLAY = -2;
    private static final int IDLE = -1;
    private final EnvSpec spec;
    private final WorldModelEnvironment model;
    private final SepsisReward reward;
    private final boolean replayMode;
    private final PatientTrack[] tracks;
    private final int sofaColumn;
    private final int[] flagColumns;
    private final int costColumn;
    private final int diedColumn;
    private final int replayColumn;

    WorldModelVectorEnv(EnvSpec spec, int numEnvs, WorldModelEnvironment model, SepsisReward reward, boolean replayMode) {
        this.spec = spec;
        this.model = model;
        this.reward = reward;
        this.replayMode = replayMode;
        this.tracks = new PatientTrack[numEnvs];
        InfoBuffer probe = InfoBuffer.forSpec(spec, 1);
        this.sofaColumn = probe.column(WorldModelEnvFactory.INFO_SOFA);
        this.flagColumns = model.safety().ruleNames().stream().mapToInt(probe::column).toArray();
        this.costColumn = probe.column(SafetyEvaluator.COST_KEY);
        this.diedColumn = probe.column(WorldModelEnvFactory.INFO_DIED);
        this.replayColumn = probe.column(WorldModelEnvFactory.INFO_REPLAYING);
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public int numEnvs() {
        return tracks.length;
    }

    @Override
    public void reset(int env, Rng rng, float[] obs, InfoBuffer infos) {
        List<org.icugym.worldmodel.data.StaySequence> stays = model.heldOut().stays();
        var stay = stays.get(rng.nextInt(stays.size()));
        int start = rng.nextInt(Math.min(model.encoding().historyLength(), stay.steps() - 1));
        PatientTrack tr = PatientTrack.start(stay, start, spec.maxEpisodeSteps());
        tr.replaying = replayMode;
        model.observation().refresh(tr);
        tracks[env] = tr;
        model.observation().write(tr, obs, env * spec.obsDim());
        infos.set(sofaColumn, env, tr.derived.sofa().total());
        if (replayMode) {
            infos.set(replayColumn, env, 1);
        }
    }

    @Override
    public CompletionStage<Void> stepAsync(int[] actions, boolean[] active, Rng[] rngs, float[] obs, float[] rewards,
            boolean[] terminated, InfoBuffer infos) {
        int n = tracks.length;
        int[] rowOf = new int[n];
        int rows = 0;
        for (int i = 0; i < n; i++) {
            rowOf[i] = !active[i] ? IDLE : follows(tracks[i], actions[i]) ? REPLAY : rows++;
        }
        if (rows == 0) {
            finish(null, rowOf, actions, rngs, obs, rewards, terminated, infos);
            return CompletableFuture.completedFuture(null);
        }
        InputEncoding encoding = model.encoding();
        int width = encoding.inputSize();
        float[] inputs = new float[rows * width];
        int[] members = new int[rows];
        for (int i = 0; i < n; i++) {
            if (rowOf[i] >= 0) {
                PatientTrack tr = tracks[i];
                tr.replaying = false;
                encoding.encode(tr.features, tr.masks, tr.ventilation, tr.actions, tr.t, actions[i], tr.stay.statics(),
                        inputs, rowOf[i] * width);
                members[rowOf[i]] = rngs[i].nextInt(model.members());
            }
        }
        return model.predictor().predict(inputs, members, rows)
                .thenAccept(p -> finish(p, rowOf, actions, rngs, obs, rewards, terminated, infos));
    }

    private boolean follows(PatientTrack tr, int action) {
        return tr.replaying && tr.stayStep < tr.stay.transitions() && tr.stay.actions()[tr.stayStep] == action;
    }

    private void finish(Prediction p, int[] rowOf, int[] actions, Rng[] rngs, float[] obs, float[] rewards,
            boolean[] terminated, InfoBuffer infos) {
        for (int i = 0; i < tracks.length; i++) {
            if (rowOf[i] == IDLE) {
                continue;
            }
            PatientTrack tr = tracks[i];
            Transition t = rowOf[i] == REPLAY ? replay(tr, actions[i]) : sample(tr, actions[i], p, rowOf[i], rngs[i]);
            rewards[i] = (float) t.reward();
            terminated[i] = t.ended();
            model.observation().write(tr, obs, i * spec.obsDim());
            infos.set(sofaColumn, i, tr.derived.sofa().total());
            float[] flags = t.report().toArray();
            for (int r = 0; r < flags.length; r++) {
                infos.set(flagColumns[r], i, flags[r]);
            }
            infos.set(costColumn, i, t.report().cost());
            if (t.outcome() != Outcome.CONTINUING) {
                infos.set(diedColumn, i, t.outcome() == Outcome.DIED ? 1 : 0);
            }
            if (replayMode) {
                infos.set(replayColumn, i, tr.replaying ? 1 : 0);
            }
        }
    }

    /** The next real step of the stay (the action equals the clinician's). */
    private Transition replay(PatientTrack tr, int action) {
        Decision d = decide(tr, action);
        int next = tr.stayStep + 1;
        var stay = tr.stay;
        tr.push(action, stay.ventilation()[next]);
        System.arraycopy(stay.features()[next], 0, tr.features[tr.t], 0, stay.featureCount());
        System.arraycopy(stay.masks()[next], 0, tr.masks[tr.t], 0, stay.featureCount());
        tr.stayStep = next;
        boolean ended = next == stay.steps() - 1 && !stay.truncated();
        return conclude(tr, d, ended, stay.died());
    }

    /** A next step sampled from row {@code row} of the prediction. */
    private Transition sample(PatientTrack tr, int action, Prediction p, int row, Rng rng) {
        Decision d = decide(tr, action);
        float[] before = tr.features[tr.t];
        tr.push(action, 0);
        float[] next = tr.features[tr.t];
        float[] mask = tr.masks[tr.t];
        double[] rate = model.heldOut().measurementRate();
        for (int f = 0; f < next.length; f++) {
            boolean measured = rng.nextDouble() < rate[f];
            double g = rng.nextGaussian();
            next[f] = measured ? model.observation().clamp(f, (float) (p.mean(row, f) + p.std(row, f) * g)) : before[f];
            mask[f] = measured ? 1f : 0f;
        }
        tr.ventilation[tr.t] = rng.nextDouble() < p.ventilation()[row] ? 1f : 0f;
        boolean ended = rng.nextDouble() < p.end()[row];
        boolean died = rng.nextDouble() < p.death()[row];
        return conclude(tr, d, ended, died);
    }

    /** The decision judged on the state it was made in (safety), before the state changes. */
    private Decision decide(PatientTrack tr, int actionIndex) {
        TreatmentAction action = TreatmentAction.fromIndex(actionIndex);
        TreatmentDose dose = model.grid().doseOf(action);
        SafetyReport report = model.safety().evaluate(TreatmentContext.of(tr.current, tr.balanceMl, action, dose,
                tr.previous));
        return new Decision(dose, report, tr.rewardState());
    }

    private Transition conclude(PatientTrack tr, Decision d, boolean ended, boolean died) {
        tr.steps++;
        model.observation().refresh(tr);
        tr.balanceMl += d.dose().fluidMlPer4h() - tr.current.get(SepsisSchema.OUTPUT_4HOURLY);
        boolean over = ended || tr.steps >= spec.maxEpisodeSteps() || !tr.hasRoom();
        Outcome outcome = !over ? Outcome.CONTINUING : died ? Outcome.DIED : Outcome.SURVIVED;
        double r = reward.reward(d.before(), tr.rewardState(), outcome);
        return new Transition(r, d.report(), outcome, ended);
    }

    @Override
    public List<String> forecastFeatures() {
        return PhysiologyForecast.FEATURES;
    }

    @Override
    public List<String> forecastFlags() {
        return model.safety().ruleNames();
    }

    @Override
    public boolean groundTruth() {
        return false;
    }

    @Override
    public Forecast simulate(int env, int[][] plans, int numSamples, Rng rng) {
        try {
            return simulateAsync(env, plans, numSamples, rng).toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Forecasts each plan {@code numSamples} times with the model from environment {@code env}'s
     * state: H rounds, each one request of every live branch's row for every member (the
     * disagreement is the spread of the member means), the sampled member's prediction advancing
     * the branch. Sample s of every plan uses the same random stream (common random numbers). The
     * environment's track and streams are not touched.
     */
    @Override
    public CompletionStage<Forecast> simulateAsync(int env, int[][] plans, int numSamples, Rng rng) {
        PatientTrack origin = tracks[env];
        if (origin == null) {
            throw EnvException.failedPrecondition("environment " + env + " has not been reset: reset it before Simulate");
        }
        long[] seeds = new long[numSamples];
        for (int s = 0; s < numSamples; s++) {
            seeds[s] = rng.nextLong();
        }
        ForecastRun run = new ForecastRun(this, origin, plans, seeds);
        return run.start();
    }

    /** The clinician's recorded action at environment {@code env}'s current step while it replays, else -1. */
    int clinicianAction(int env) {
        PatientTrack tr = tracks[env];
        return tr != null && tr.replaying && tr.stayStep < tr.stay.transitions() ? tr.stay.actions()[tr.stayStep] : -1;
    }

    // Package-private hooks for ForecastRun.
    WorldModelEnvironment model() {
        return model;
    }

    Transition sampleBranch(PatientTrack tr, int action, Prediction p, int row, Rng rng) {
        return sample(tr, action, p, row, rng);
    }

    /** What a decision needs to be concluded: its dose, its safety report and the state it was made in. */
    private record Decision(TreatmentDose dose, SafetyReport report, RewardState before) {}

    /** One step's reward, safety report, outcome and whether the stay ended (terminated). */
    record Transition(double reward, SafetyReport report, Outcome outcome, boolean ended) {}
}
