package org.icugym.worldmodel.data;

import java.util.ArrayList;
import java.util.List;
import org.icugym.core.clinical.action.ActionGrid;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.physiology.PatientStatus;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.core.clinical.physiology.PhysiologyStep;
import org.icugym.core.clinical.physiology.SimulatedPatient;
import org.icugym.core.clinical.reward.Outcome;
import org.icugym.core.clinical.schema.ClinicalObservation;
import org.icugym.core.clinical.schema.FeatureScaling;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.random.Rng;

/**
 * Training data simulated directly with the reference {@link PhysiologySimulator}, treated by a
 * simple noisy guideline-like behaviour policy: vasopressor when MAP &lt; 65 mmHg, more fluid
 * when lactate &gt; 2 mmol/L, and a random action 30 % of the time.
 *
 * <p>Deterministic: the same seed and size give the same data. Scaling is fitted on every
 * recorded observation of the simulated cohort. For quick experiments and tests; real training
 * reads a cohort file.
 *
 * @param simulator the reference simulator (sets the window length)
 * @param stayCount number of stays to simulate (≥ 1)
 * @param seed seed of the patients and the behaviour policy
 */
public record SimulatedCohortSource(PhysiologySimulator simulator, int stayCount, long seed) implements TrainingDataSource {
    private static final double EXPLORATION = 0.3;
    private static final int DYNAMIC = SepsisSchema.DYNAMIC_FEATURES.size();
    private static final int STATIC = SepsisSchema.STATIC_FEATURES.size();

    /** Validates the size. */
    public SimulatedCohortSource {
        if (stayCount < 1) {
            throw new IllegalArgumentException("stayCount must be >= 1, got " + stayCount);
        }
    }

    @Override
    public TrainingData load() {
        Rng root = new Rng(seed);
        Rng policy = root.split();
        List<List<PhysiologyStep>> trajectories = new ArrayList<>(stayCount);
        List<int[]> actions = new ArrayList<>(stayCount);
        List<ClinicalObservation> observations = new ArrayList<>();
        for (int i = 0; i < stayCount; i++) {
            SimulatedPatient patient = simulator.admit(root.nextLong());
            List<PhysiologyStep> steps = new ArrayList<>();
            List<Integer> chosen = new ArrayList<>();
            steps.add(patient.current());
            while (!patient.current().status().isFinished()) {
                TreatmentAction action = behaviour(patient.current(), policy);
                chosen.add(action.index());
                steps.add(patient.step(ActionGrid.DEFAULT.doseOf(action)));
            }
            steps.forEach(s -> observations.add(s.observation()));
            trajectories.add(steps);
            actions.add(chosen.stream().mapToInt(Integer::intValue).toArray());
        }
        Standardizer standardizer = Standardizer.of(FeatureScaling.fit(observations));
        List<StaySequence> stays = new ArrayList<>(stayCount);
        for (int i = 0; i < stayCount; i++) {
            stays.add(toStay(trajectories.get(i), actions.get(i), standardizer));
        }
        return new TrainingData(stays, standardizer, ActionGrid.DEFAULT, FeatureLayout.SEPSIS);
    }

    private static TreatmentAction behaviour(PhysiologyStep step, Rng rng) {
        if (rng.nextDouble() < EXPLORATION) {
            return TreatmentAction.fromIndex(rng.nextInt(TreatmentAction.COUNT));
        }
        ClinicalObservation obs = step.carriedForward();
        double map = obs.get(SepsisSchema.MEANBP);
        double lactate = obs.get(SepsisSchema.LACTATE);
        int vaso = map < 65 ? 1 + rng.nextInt(3) : 0;
        int fluid = lactate > 2 ? 2 + rng.nextInt(2) : rng.nextInt(3);
        return new TreatmentAction(fluid, vaso);
    }

    private static StaySequence toStay(List<PhysiologyStep> steps, int[] actions, Standardizer standardizer) {
        int t = steps.size();
        float[][] features = new float[t][DYNAMIC];
        float[][] masks = new float[t][DYNAMIC];
        float[] ventilation = new float[t];
        for (int s = 0; s < t; s++) {
            PhysiologyStep step = steps.get(s);
            double[] held = step.carriedForward().toArray();
            double[] fresh = step.observation().toArray();
            for (int f = 0; f < DYNAMIC; f++) {
                double z = standardizer.standardize(f, held[f]);
                features[s][f] = Double.isNaN(z) ? 0f : (float) z;
                masks[s][f] = Double.isNaN(fresh[f]) ? 0f : 1f;
            }
            ventilation[s] = step.derived().mechanicallyVentilated() ? 1f : 0f;
        }
        double[] admission = steps.get(0).carriedForward().toArray();
        float[] statics = new float[STATIC];
        for (int k = 0; k < STATIC; k++) {
            double z = standardizer.standardize(DYNAMIC + k, admission[DYNAMIC + k]);
            statics[k] = Double.isNaN(z) ? 0f : (float) z;
        }
        PhysiologyStep last = steps.get(t - 1);
        return new StaySequence(features, masks, ventilation, statics, actions, last.outcome() == Outcome.DIED,
                last.status() == PatientStatus.WINDOW_ENDED);
    }
}
