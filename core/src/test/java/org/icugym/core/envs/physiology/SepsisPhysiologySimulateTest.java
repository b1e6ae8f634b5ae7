package org.icugym.core.envs.physiology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.icugym.core.clinical.action.TreatmentAction;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.CandidateForecast;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.Forecast;
import org.icugym.core.env.SimulationLimits;
import org.icugym.core.env.StepResult;
import org.icugym.core.env.VectorSession;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.core.envs.cartpole.CartPoleFactory;
import org.junit.jupiter.api.Test;

class SepsisPhysiologySimulateTest {
    private static final int N = 4;
    private static final SimulationLimits LIMITS = SimulationLimits.DEFAULT;
    private static final long NONE = TreatmentAction.NONE.index();
    private static final long MAX_VASO = new TreatmentAction(0, 4).index();
    private static final long FLUID_VASO = new TreatmentAction(2, 2).index();

    @Test
    void simulatingLeavesTheEnvironmentsAndTheirStreamsUntouched() {
        VectorSession plain = session(21L, AutoresetMode.SAME_STEP);
        VectorSession probed = session(21L, AutoresetMode.SAME_STEP);
        plain.reset(null, null, null, null);
        probed.reset(null, null, null, null);
        long[] actions = {MAX_VASO, FLUID_VASO, NONE, 7};
        for (int t = 0; t < 12; t++) {
            for (int i = 0; i < N; i++) {
                probed.simulate(i, new long[][] {{MAX_VASO, NONE, 3}, {NONE, NONE, NONE}}, 5, LIMITS);
            }
            StepResult a = plain.step(actions);
            StepResult b = probed.step(actions);
            assertThat(b.observations()).containsExactly(a.observations());
            assertThat(b.rewards()).containsExactly(a.rewards());
            assertThat(b.terminated()).containsExactly(a.terminated());
            assertThat(b.truncated()).containsExactly(a.truncated());
        }
    }

    @Test
    void forecastsHaveTheDocumentedShapeAndRanges() {
        VectorSession s = session(3L);
        s.reset(null, null, null, null);
        Forecast f = s.simulate(1, new long[][] {{MAX_VASO, MAX_VASO, NONE}, {NONE, NONE, NONE}, {FLUID_VASO, 1, 2}},
                8, LIMITS);
        assertThat(f.groundTruth()).isTrue();
        assertThat(f.numSamples()).isEqualTo(8);
        assertThat(f.featureNames()).contains("meanbp", "lactate", "sofa");
        assertThat(f.flagNames()).contains("g1_hypoperfusion", "hazard_a");
        assertThat(f.candidates()).hasSize(3);
        for (CandidateForecast c : f.candidates()) {
            int features = f.featureNames().size();
            assertThat(c.horizon()).isEqualTo(3);
            assertThat(c.featureMean()).hasSize(3 * features).doesNotContain(Float.NaN);
            assertThat(c.featureStd()).hasSize(3 * features);
            assertThat(c.flagRate()).hasSize(3 * f.flagNames().size());
            for (float p : concat(c.mortalityRisk(), c.flagRate(), c.doneRate())) {
                assertThat(p).isBetween(0f, 1f);
            }
            assertThat(c.disagreement()).containsOnly(0f);
            assertThat(c.epistemicUncertainty()).isZero();
        }
        assertThat(s.simulate(1, new long[][] {{NONE}}, 0, LIMITS).numSamples()).isEqualTo(LIMITS.defaultSamples());
    }

    @Test
    void seededSessionsForecastReproduciblyAndEachCallDrawsAfresh() {
        VectorSession a = session(5L);
        VectorSession b = session(5L);
        a.reset(null, null, null, null);
        b.reset(null, null, null, null);
        long[][] plan = {{FLUID_VASO, FLUID_VASO, FLUID_VASO}};
        float[] first = a.simulate(0, plan, 4, LIMITS).candidates().get(0).featureMean();
        assertThat(b.simulate(0, plan, 4, LIMITS).candidates().get(0).featureMean()).containsExactly(first);
        assertThat(a.simulate(0, plan, 4, LIMITS).candidates().get(0).featureMean()).isNotEqualTo(first);
    }

    @Test
    void vasopressorsRaiseMeanArterialPressureOfAHypotensivePatient() {
        int meanBp = SepsisSchema.observedIndex(SepsisSchema.MEANBP);
        for (long seed = 0; seed < 400; seed++) {
            VectorSession s = new VectorSession(factory().create(1, Map.of()), AutoresetMode.NEXT_STEP, seed);
            if (s.reset(null, null, null, null).observations()[meanBp] >= 62) {
                continue;
            }
            Forecast f = s.simulate(0, new long[][] {{MAX_VASO, MAX_VASO}, {NONE, NONE}}, 32, LIMITS);
            int column = f.featureNames().indexOf("meanbp");
            int features = f.featureNames().size();
            CandidateForecast vaso = f.candidates().get(0);
            CandidateForecast none = f.candidates().get(1);
            for (int h = 0; h < 2; h++) {
                assertThat(vaso.featureMean()[h * features + column])
                        .as("MAP after step %d, patient of seed %d", h, seed)
                        .isGreaterThan(none.featureMean()[h * features + column] + 3);
            }
            return;
        }
        throw new AssertionError("no hypotensive patient among 400 seeds");
    }

    @Test
    void badRequestsAreRejectedWithTheLimitInTheMessage() {
        VectorSession s = session(1L);
        assertThatThrownBy(() -> s.simulate(0, new long[][] {{NONE}}, 1, LIMITS))
                .satisfies(e -> assertCode(e, EnvException.Code.FAILED_PRECONDITION)).hasMessageContaining("Reset");
        s.reset(null, null, null, null);
        assertInvalid(() -> s.simulate(0, new long[9][1], 1, LIMITS), "the limit is 8");
        assertInvalid(() -> s.simulate(0, new long[][] {new long[7]}, 1, LIMITS), "1..6");
        assertInvalid(() -> s.simulate(0, new long[][] {{NONE}}, 65, LIMITS), "0..64");
        assertInvalid(() -> s.simulate(0, new long[][] {{NONE}}, -1, LIMITS), "0..64");
        assertInvalid(() -> s.simulate(0, new long[0][], 1, LIMITS), "at least one");
        assertInvalid(() -> s.simulate(0, new long[][] {{NONE}, {NONE, NONE}}, 1, LIMITS), "same number of actions");
        assertInvalid(() -> s.simulate(N, new long[][] {{NONE}}, 1, LIMITS), "use 0..3");
        assertInvalid(() -> s.simulate(-1, new long[][] {{NONE}}, 1, LIMITS), "use 0..3");
        assertInvalid(() -> s.simulate(0, new long[][] {{NONE, 25}}, 1, LIMITS), "candidate 0 step 1: action 25");
    }

    @Test
    void environmentsWithoutAModelAnswerUnimplemented() {
        VectorSession cartPole = new VectorSession(BuiltinEnvironments.registry().factory(CartPoleFactory.ID)
                .create(1, Map.of()), AutoresetMode.NEXT_STEP, 1L);
        cartPole.reset(null, null, null, null);
        assertThat(cartPole.canSimulate()).isFalse();
        assertThat(factory().canSimulate()).isTrue();
        assertThatThrownBy(() -> cartPole.simulate(0, new long[][] {{0}}, 1, LIMITS))
                .satisfies(e -> assertCode(e, EnvException.Code.UNIMPLEMENTED));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).satisfies(e -> assertCode(e, EnvException.Code.INVALID_ARGUMENT))
                .hasMessageContaining(message);
    }

    private static void assertCode(Throwable e, EnvException.Code code) {
        assertThat(e).isInstanceOf(EnvException.class);
        assertThat(((EnvException) e).code()).isEqualTo(code);
    }

    private static float[] concat(float[]... arrays) {
        int n = 0;
        for (float[] a : arrays) {
            n += a.length;
        }
        float[] out = new float[n];
        int k = 0;
        for (float[] a : arrays) {
            System.arraycopy(a, 0, out, k, a.length);
            k += a.length;
        }
        return out;
    }

    private static org.icugym.core.env.EnvFactory factory() {
        return BuiltinEnvironments.registry().factory(SepsisPhysiologyFactory.ID);
    }

    private static VectorSession session(long seed) {
        return session(seed, AutoresetMode.NEXT_STEP);
    }

    private static VectorSession session(long seed, AutoresetMode mode) {
        return new VectorSession(factory().create(N, Map.of()), mode, seed);
    }
}
