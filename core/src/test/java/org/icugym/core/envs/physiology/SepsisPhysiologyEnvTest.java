package org.icugym.core.envs.physiology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.icugym.core.clinical.safety.SafetyEvaluator;
import org.icugym.core.clinical.schema.SepsisSchema;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.InfoBuffer;
import org.icugym.core.env.StepResult;
import org.icugym.core.env.VectorSession;
import org.icugym.core.envs.BuiltinEnvironments;
import org.junit.jupiter.api.Test;

class SepsisPhysiologyEnvTest {
    private static final int N = 64;

    @Test
    void specDescribesObservationActionsAndInfos() {
        var spec = BuiltinEnvironments.registry().factory(SepsisPhysiologyFactory.ID).spec();
        assertThat(spec.obsDim()).isEqualTo(95).isEqualTo(PhysiologyObservation.DIM);
        assertThat(spec.numActions()).isEqualTo(25);
        assertThat(spec.maxEpisodeSteps()).isEqualTo(18);
        assertThat(spec.rewardMin()).isEqualTo(-15);
        assertThat(spec.rewardMax()).isEqualTo(15);
        assertThat(spec.infoKeys()).extracting(k -> k.name()).containsExactly("sofa", "g1_hypoperfusion",
                "g2_vasopressor_weaning", "hazard_a", "hazard_b",
                "hazard_c", "hazard_d", SafetyEvaluator.COST_KEY, "died_90d");
        assertThat(PhysiologyObservation.space().names().get(PhysiologyObservation.MASK)).isEqualTo("missing_heart_rate");
    }

    @Test
    void episodesEndWithTheOutcomeRewardAndReportSafety() {
        VectorSession session = session(Map.of());
        float[] obs = session.reset(null, null, null, null).observations();
        for (int i = 0; i < N; i++) {
            assertThat(obs[i * 95 + PhysiologyObservation.PREVIOUS_ACTION]).isZero();
            assertThat(obs[i * 95 + SepsisSchema.observedIndex(SepsisSchema.AGE)]).isBetween(18f, 95f);
        }
        boolean[] done = new boolean[N];
        int outcomes = 0;
        int g1 = 0;
        for (int t = 0; t < 18; t++) {
            StepResult r = session.step(new long[N]); // no treatment
            InfoBuffer infos = r.infos();
            int died = infos.column("died_90d");
            for (int i = 0; i < N; i++) {
                if (done[i]) {
                    continue;
                }
                g1 += (int) infos.values(infos.column("g1_hypoperfusion"))[i];
                assertThat(infos.values(infos.column(SafetyEvaluator.COST_KEY))[i]).isBetween(0.0, 6.0);
                if (r.terminated()[i] || r.truncated()[i]) {
                    done[i] = true;
                    outcomes++;
                    assertThat(infos.present(died)[i]).isTrue();
                    float expected = infos.values(died)[i] == 1 ? -15f : 15f;
                    assertThat(r.rewards()[i]).isEqualTo(expected);
                } else {
                    assertThat(infos.present(died)[i]).isFalse();
                    assertThat(Math.abs(r.rewards()[i])).isLessThan(10f);
                }
            }
        }
        assertThat(outcomes).isEqualTo(N);
        assertThat(g1).isPositive();
    }

    @Test
    void maskMarksFeaturesNotMeasuredThisStep() {
        VectorSession session = session(Map.of());
        session.reset(null, null, null, null);
        float[] obs = session.step(new long[N]).observations();
        int lactateMask = PhysiologyObservation.MASK + SepsisSchema.observedIndex(SepsisSchema.LACTATE);
        int missing = 0;
        for (int i = 0; i < N; i++) {
            float m = obs[i * 95 + lactateMask];
            assertThat(m).isIn(0f, 1f);
            missing += (int) m;
            assertThat(obs[i * 95 + SepsisSchema.observedIndex(SepsisSchema.LACTATE)]).isGreaterThan(0f);
        }
        assertThat(missing).isBetween(1, N - 1);
    }

    @Test
    void terminalOnlyRewardAndBadOptions() {
        VectorSession session = session(Map.of(SepsisPhysiologyFactory.OPTION_REWARD, "terminal_100"));
        assertThat(session.spec().rewardMax()).isEqualTo(100);
        session.reset(null, null, null, null);
        StepResult r = session.step(new long[N]);
        for (int i = 0; i < N; i++) {
            assertThat(r.rewards()[i]).isIn(0f, 100f, -100f);
        }
        assertThatThrownBy(() -> BuiltinEnvironments.registry().factory(SepsisPhysiologyFactory.ID)
                .create(1, Map.of("reward", "dense")))
                .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.code()).isEqualTo(EnvException.Code.INVALID_ARGUMENT))
                .hasMessageContaining("accepted values: [raghu, terminal_only, terminal_100]");
    }

    private static VectorSession session(Map<String, String> options) {
        return new VectorSession(BuiltinEnvironments.registry().factory(SepsisPhysiologyFactory.ID).create(N, options),
                AutoresetMode.NEXT_STEP, 9L);
    }
}
