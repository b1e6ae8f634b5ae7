package org.icugym.core.envs.physiology;

import java.util.ArrayList;
import java.util.List;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.action.TreatmentDose;
import org.icugym.core.clinical.physiology.PatientStatus;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.core.clinical.physiology.PhysiologyStep;
import org.icugym.core.clinical.physiology.SimulatedPatient;
import org.icugym.core.clinical.reward.Outcome;
import org.icugym.core.clinical.reward.SepsisReward;
import org.icugym.core.clinical.safety.SafetyEvaluator;
import org.icugym.core.clinical.safety.SafetyReport;
import org.icugym.core.clinical.safety.TreatmentContext;
import org.icugym.core.env.CandidateForecast;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.Forecast;
import org.icugym.core.env.Simulatable;
import org.icugym.core.env.InfoBuffer;
import org.icugym.core.env.VectorEnv;
import org.icugym.core.random.Rng;

/**
 * A vector of {@code Sepsis-Physiology-v1} environments: each holds one simulated patient, admitted
 * on reset with a seed drawn from the environment's stream.
 *
 * <p>A step gives the action's representative doses for 4 h, judges the decision with the safety
 * evaluator (on the state the decision was made in) and rewards the transition. Infos per step:
 * {@code sofa}, one 0/1 flag per safety rule, {@code safety_cost}, and {@code died_90d} on the
 * step that ends the window. It also forecasts ({@link Simulatable}) with the simulator itself, so its
 * forecasts are ground truth. Not thread-safe.
 */
public final class SepsisPhysiologyVectorEnv implements VectorEnv, Simulatable {
    private final EnvSpec spec;
    private final PhysiologySimulator simulator;
    private final SepsisReward reward;
    private final ActionGrid grid;
    private final SafetyEvaluator safety;
    private final SimulatedPatient[] patients;
    private final PhysiologyStep[] current;
    private final TreatmentAction[] previous;
    private final int sofaColumn;
    private final int[] flagColumns;
    private final int costColumn;
    private final int diedColumn;

    /** {@code numEnvs} environments (call {@link #reset} before stepping each). */
    public SepsisPhysiologyVectorEnv(EnvSpec spec, int numEnvs, PhysiologySimulator simulator, SepsisReward reward,
            ActionGrid grid, SafetyEvaluator safety) {
        this.spec = spec;
        this.simulator = simulator;
        this.reward = reward;
        this.grid = grid;
        this.safety = safety;
        this.patients = new SimulatedPatient[numEnvs];
        this.current = new PhysiologyStep[numEnvs];
        this.previous = new TreatmentAction[numEnvs];
        InfoBuffer probe = InfoBuffer.forSpec(spec, 1);
        this.sofaColumn = probe.column(SepsisPhysiologyFactory.INFO_SOFA);
        this.flagColumns = safety.ruleNames().stream().mapToInt(probe::column).toArray();
        this.costColumn = probe.column(SafetyEvaluator.COST_KEY);
        this.diedColumn = probe.column(SepsisPhysiologyFactory.INFO_DIED);
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public int numEnvs() {
        return patients.length;
    }

    @Override
    public void reset(int env, Rng rng, float[] obs, InfoBuffer infos) {
        patients[env] = simulator.admit(rng.nextLong());
        current[env] = patients[env].current();
        previous[env] = TreatmentAction.NONE;
        PhysiologyObservation.write(current[env], previous[env], obs, env * spec.obsDim());
        infos.set(sofaColumn, env, current[env].derived().sofa().total());
    }

    @Override
    public void step(int[] actions, boolean[] active, Rng[] rngs, float[] obs, float[] rewards,
            boolean[] terminated, InfoBuffer infos) {
        for (int i = 0; i < patients.length; i++) {
            if (active[i]) {
                stepOne(i, actions[i], obs, rewards, terminated, infos);
            }
        }
    }

    private void stepOne(int i, int actionIndex, float[] obs, float[] rewards, boolean[] terminated, InfoBuffer infos) {
        TreatmentAction action = TreatmentAction.fromIndex(actionIndex);
        Transition t = advance(patients[i], current[i], previous[i], action);
        PhysiologyStep after = t.after();
        current[i] = after;
        previous[i] = action;
        rewards[i] = (float) t.reward();
        terminated[i] = after.status() == PatientStatus.DIED || after.status() == PatientStatus.DISCHARGED;
        PhysiologyObservation.write(after, action, obs, i * spec.obsDim());
        infos.set(sofaColumn, i, after.derived().sofa().total());
        SafetyReport report = t.report();
        float[] flags = report.toArray();
        for (int r = 0; r < flags.length; r++) {
            infos.set(flagColumns[r], i, flags[r]);
        }
        infos.set(costColumn, i, report.cost());
        if (after.outcome() != Outcome.CONTINUING) {
            infos.set(diedColumn, i, after.outcome() == Outcome.DIED ? 1 : 0);
        }
    }

    @Override
    public List<String> forecastFeatures() {
        return PhysiologyForecast.FEATURES;
    }

    @Override
    public List<String> forecastFlags() {
        return safety.ruleNames();
    }

    @Override
    public boolean groundTruth() {
        return true;
    }

    /**
     * Forecasts each plan by branching environment {@code env}'s patient {@code numSamples} times
     * ({@link SimulatedPatient#fork}) and stepping the branches with the true dynamics. Sample s of
     * every plan uses the same branch seed, so plans differ only through their treatments (common
     * random numbers). The environment's patient and random streams are not touched.
     */
    @Override
    public Forecast simulate(int env, int[][] plans, int numSamples, Rng rng) {
        SimulatedPatient origin = patients[env];
        if (origin == null || current[env].status().isFinished()) {
            throw EnvException.failedPrecondition("environment " + env + " has no patient in the ICU: reset it before "
                    + "Simulate");
        }
        long[] seeds = new long[numSamples];
        for (int s = 0; s < numSamples; s++) {
            seeds[s] = rng.nextLong();
        }
        List<CandidateForecast> out = new ArrayList<>(plans.length);
        for (int[] plan : plans) {
            PhysiologyForecast acc = new PhysiologyForecast(plan.length, forecastFlags().size(), numSamples);
            for (long seed : seeds) {
                rollout(origin.fork(seed), env, plan, acc);
            }
            out.add(acc.result());
        }
        return new Forecast(forecastFeatures(), forecastFlags(), numSamples, true, out);
    }

    private void rollout(SimulatedPatient branch, int env, int[] plan, PhysiologyForecast acc) {
        PhysiologyStep before = current[env];
        TreatmentAction prior = previous[env];
        float[] row = new float[PhysiologyObservation.DIM];
        double risk = 0;
        acc.startSample();
        for (int h = 0; h < plan.length; h++) {
            if (before.status().isFinished()) {
                acc.ended(h, risk);
                continue;
            }
            TreatmentAction action = TreatmentAction.fromIndex(plan[h]);
            Transition t = advance(branch, before, prior, action);
            PhysiologyStep after = t.after();
            PhysiologyObservation.write(after, action, row, 0);
            risk = after.status() == PatientStatus.DIED ? 1.0 : branch.ninetyDayMortalityRisk();
            acc.stepped(h, row, risk, t.reward(), t.report().toArray(), after.status().isFinished());
            before = after;
            prior = action;
        }
    }

    /** One decision: judge it on the state it was made in, step the patient, reward the transition. */
    private Transition advance(SimulatedPatient patient, PhysiologyStep before, TreatmentAction previousAction,
            TreatmentAction action) {
        TreatmentDose dose = grid.doseOf(action);
        TreatmentAction prior = before.step() == 0 ? null : previousAction;
        SafetyReport report = safety.evaluate(TreatmentContext.of(before.carriedForward(),
                before.latent().cumulativeBalanceMl(), action, dose, prior));
        PhysiologyStep after = patient.step(dose);
        return new Transition(after, reward.reward(before.rewardState(), after.rewardState(), after.outcome()), report);
    }

    private record Transition(PhysiologyStep after, double reward, SafetyReport report) {}
}
