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

    /** Validates the size. */
    public SimulatedCohortSource {
        if (stayCount < 1) {
            throw new IllegalArgumentException("stayCount must be >= 1, got " + stayCount);
        }
    }

    @Override
    public TrainingData load() {
        return ObservedStay.toTrainingData(loadObserved(), ActionGrid.DEFAULT);
    }

    /** The simulated stays as recorded (schema units, not yet standardized). */
    public List<ObservedStay> loadObserved() {
        Rng root = new Rng(seed);
        Rng policy = root.split();
        List<ObservedStay> stays = new ArrayList<>(stayCount);
        for (int i = 0; i < stayCount; i++) {
            SimulatedPatient patient = simulator.admit(root.nextLong());
            List<ClinicalObservation> observations = new ArrayList<>();
            List<Boolean> ventilated = new ArrayList<>();
            List<Integer> actions = new ArrayList<>();
            PhysiologyStep step = patient.current();
            while (true) {
                observations.add(step.observation());
                ventilated.add(step.derived().mechanicallyVentilated());
                if (step.status().isFinished()) {
                    break;
                }
                TreatmentAction action = behaviour(step, policy);
                actions.add(action.index());
                step = patient.step(ActionGrid.DEFAULT.doseOf(action));
            }
            boolean[] vent = new boolean[ventilated.size()];
            for (int t = 0; t < vent.length; t++) {
                vent[t] = ventilated.get(t);
            }
            stays.add(new ObservedStay(observations, vent, actions.stream().mapToInt(Integer::intValue).toArray(),
                    step.outcome() == Outcome.DIED, step.status() == PatientStatus.WINDOW_ENDED));
        }
        return stays;
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
}
