package org.icugym.agent.psr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.icugym.agent.Policies;
import org.icugym.agent.Policy;
import org.icugym.agent.PolicyException;
import org.icugym.agent.PolicyOutput;
import org.icugym.agent.baseline.ClinicianBaseline;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.env.InfoBuffer;
import org.icugym.core.envs.physiology.PhysiologyObservation;
import org.icugym.core.envs.physiology.SepsisPhysiologyFactory;
import org.icugym.core.envs.physiology.SepsisPhysiologyVectorEnv;
import org.icugym.core.random.Rng;
import org.junit.jupiter.api.Test;

/** The planner against the reference physiology simulator in process (its ground-truth Simulate). */
class PsrPlannerTest {
    private static final int DIM = PhysiologyObservation.DIM;

    private static SepsisPhysiologyVectorEnv patient(long seed, float[] obs) {
        SepsisPhysiologyFactory factory = new SepsisPhysiologyFactory();
        SepsisPhysiologyVectorEnv env = (SepsisPhysiologyVectorEnv) factory.create(1, Map.of());
        env.reset(0, new Rng(seed), obs, InfoBuffer.forSpec(env.spec(), 1));
        return env;
    }

    @Test
    void plansFromTheClinicianPriorAndTracesEveryCandidate() {
        float[] obs = new float[DIM];
        SepsisPhysiologyVectorEnv env = patient(11, obs);
        PlannerSettings settings = PlannerSettings.parse("candidates=5;horizon=2;samples=3;fixed=0");
        try (Policy psr = Policies.open(PsrPolicy.weights(settings, DIM, TreatmentAction.COUNT), "cpu")) {
            PolicyOutput prior = psr.act(obs, 1, new boolean[] {false}, new Rng(3));
            double[] probs = new double[TreatmentAction.COUNT];
            for (int a = 0; a < probs.length; a++) {
                probs[a] = prior.probs()[a];
            }
            Rng simRng = new Rng(5);
            PsrPlanner.Decision d = ((PsrPolicy) psr).planner().plan(probs,
                    (plans, n) -> env.simulate(0, plans, n, simRng));
            PlanTrace trace = d.trace();
            assertThat(trace.candidates()).hasSize(5);
            assertThat(trace.candidates().get(0).action()).isZero();
            assertThat(trace.groundTruth()).isTrue();
            assertThat(trace.samples()).isEqualTo(3);
            PlanTrace.Candidate chosen = trace.candidates().stream().filter(c -> c.action() == d.action()).findFirst()
                    .orElseThrow();
            assertThat(chosen.rejected()).isNull();
            assertThat(trace.candidates().stream().filter(c -> c.rejected() == null))
                    .allSatisfy(c -> assertThat(c.score()).isLessThanOrEqualTo(chosen.score()));
            assertThat(PlanTrace.fromJson(trace.toJson())).isEqualTo(trace);
        }
    }

    @Test
    void rejectsCandidatesWhoseFirstStepBreaksASafetyRule() {
        // a hypotensive or hyperlactataemic patient: no treatment (action 0) raises G1 at the first step
        for (long seed = 1; seed < 40; seed++) {
            float[] obs = new float[DIM];
            SepsisPhysiologyVectorEnv env = patient(seed, obs);
            int map = PhysiologyObservation.space().names().indexOf("meanbp");
            int lactate = PhysiologyObservation.space().names().indexOf("lactate");
            if (obs[map] >= 65 && obs[lactate] <= 2) {
                continue;
            }
            double[] onlyNone = new double[TreatmentAction.COUNT];
            onlyNone[0] = 0.9;
            onlyNone[6] = 0.1;
            PsrPlanner planner = new PsrPlanner(PlannerSettings.parse("candidates=2;horizon=1;samples=2"));
            PsrPlanner.Decision d = planner.plan(onlyNone, (plans, n) -> env.simulate(0, plans, n, new Rng(1)));
            assertThat(d.action()).isEqualTo(6);
            assertThat(d.trace().candidates().get(0).rejected()).contains("g1_hypoperfusion");
            // one candidate per round: the unsafe first round leads to a second round with the next action
            PsrPlanner oneByOne = new PsrPlanner(PlannerSettings.parse("candidates=1;horizon=1;samples=2"));
            PsrPlanner.Decision second = oneByOne.plan(onlyNone, (plans, n) -> env.simulate(0, plans, n, new Rng(1)));
            assertThat(second.action()).isEqualTo(6);
            assertThat(second.trace().candidates()).extracting(PlanTrace.Candidate::action).containsExactly(0, 6);
            assertThat(new PsrPlanner(PlannerSettings.parse("candidates=1;rounds=1"))
                    .plan(onlyNone, (plans, n) -> env.simulate(0, plans, n, new Rng(1))).action()).isZero();
            return;
        }
        throw new AssertionError("no hypoperfused patient among 39 admissions");
    }

    @Test
    void settingsRoundTripAndBadSettingsSayWhatIsWrong() {
        PlannerSettings s = PlannerSettings.parse("prior=guideline;candidates=4;fixed=1,6;safety_weight=2.5");
        assertThat(PlannerSettings.parse(s.toText())).isEqualTo(s);
        assertThat(s.fixedCandidates()).containsExactly(1, 6);
        assertThatThrownBy(() -> PlannerSettings.parse("candidates=9")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("1..8");
        assertThatThrownBy(() -> PlannerSettings.parse("prior=ppo")).hasMessageContaining("clinician");
        assertThatThrownBy(() -> PlannerSettings.parse("horizn=2")).hasMessageContaining("unknown planner settings");
        assertThatThrownBy(() -> PlannerSettings.parse("samples=many")).hasMessageContaining("not a number");
    }

    @Test
    void clinicianBaselineIsTheCohortClinicianAveragedOverPractices() {
        float[] obs = new float[DIM];
        patient(7, obs);
        try (Policy p = Policies.open(Policies.baseline(ClinicianBaseline.KIND, DIM, TreatmentAction.COUNT), "cpu")) {
            PolicyOutput out = p.act(obs, 1, new boolean[] {true}, new Rng(1));
            double sum = 0;
            for (float x : out.probs()) {
                assertThat(x).isGreaterThan(0f);
                sum += x;
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThatThrownBy(() -> Policies.open(Policies.baseline(ClinicianBaseline.KIND, 4, 2), "cpu"))
                .hasMessageContaining("Sepsis-Physiology-v1");
    }
}
