package org.icugym.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.icugym.core.envs.cartpole.CartPoleFactory;
import org.icugym.core.envs.icusepsis.IcuSepsisFactory;
import org.icugym.core.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Gymnasium 1.x vector semantics of {@link VectorSession}, exercised with CartPole-v1 (and
 * ICU-Sepsis-v2 where infos matter): seeding, the three autoreset modes, truncation and request
 * validation.
 */
class VectorSessionTest {
    private static final EnvFactory CARTPOLE = new CartPoleFactory();

    static VectorSession cartPole(int numEnvs, AutoresetMode mode, Long seed) {
        return new VectorSession(CARTPOLE.create(numEnvs, Map.of()), mode, seed);
    }

    static long[] actions(Rng rng, int numEnvs) {
        long[] a = new long[numEnvs];
        for (int i = 0; i < numEnvs; i++) {
            a[i] = rng.nextInt(2);
        }
        return a;
    }

    /** Observations and rewards of {@code steps} random steps (actions from a fixed stream). */
    static float[][] trajectory(VectorSession s, int steps, long actionSeed) {
        Rng rng = new Rng(actionSeed);
        float[][] out = new float[2 * steps + 1][];
        out[0] = s.reset(null, null, null, null).observations();
        for (int t = 0; t < steps; t++) {
            StepResult r = s.step(actions(rng, s.numEnvs()));
            out[2 * t + 1] = r.observations();
            out[2 * t + 2] = r.rewards();
        }
        return out;
    }

    @Test
    void sameSeedGivesIdenticalSequencesAcrossEpisodes() {
        float[][] a = trajectory(cartPole(4, AutoresetMode.NEXT_STEP, 7L), 300, 1);
        float[][] b = trajectory(cartPole(4, AutoresetMode.NEXT_STEP, 7L), 300, 1);
        assertThat(a).isDeepEqualTo(b);
    }

    @Test
    void differentSeedsGiveDifferentObservations() {
        float[][] a = trajectory(cartPole(4, AutoresetMode.NEXT_STEP, 7L), 10, 1);
        float[][] b = trajectory(cartPole(4, AutoresetMode.NEXT_STEP, 8L), 10, 1);
        assertThat(a[0]).isNotEqualTo(b[0]);
        assertThat(a[19]).isNotEqualTo(b[19]);
    }

    @Test
    void intSeedSeedsEnvironmentIWithSeedPlusI() {
        VectorSession vector = cartPole(3, AutoresetMode.NEXT_STEP, 100L);
        VectorSession[] singles = new VectorSession[3];
        float[] first = vector.reset(null, null, null, null).observations();
        for (int i = 0; i < 3; i++) {
            singles[i] = cartPole(1, AutoresetMode.NEXT_STEP, 100L + i);
            assertThat(singles[i].reset(null, null, null, null).observations())
                    .containsExactly(Arrays.copyOfRange(first, 4 * i, 4 * i + 4));
        }
        Rng rng = new Rng(9);
        for (int t = 0; t < 200; t++) { // spans several episodes, so autoresets draw from the same streams
            long[] a = actions(rng, 3);
            StepResult r = vector.step(a);
            for (int i = 0; i < 3; i++) {
                StepResult single = singles[i].step(new long[] {a[i]});
                assertThat(single.observations()).containsExactly(Arrays.copyOfRange(r.observations(), 4 * i, 4 * i + 4));
                assertThat(single.rewards()[0]).isEqualTo(r.rewards()[i]);
            }
        }
    }

    @Test
    void resetSeedAndSeedsReseedLikeAFreshSession() {
        VectorSession s = cartPole(2, AutoresetMode.NEXT_STEP, 1L);
        trajectory(s, 20, 3);
        float[] reseeded = s.reset(50L, null, null, null).observations();
        assertThat(reseeded).containsExactly(cartPole(2, AutoresetMode.NEXT_STEP, 50L).reset(null, null, null, null)
                .observations());
        float[] perEnv = s.reset(null, new long[] {50, 51}, null, null).observations();
        assertThat(perEnv).containsExactly(reseeded);
    }

    @Test
    void nextStepResetsOnTheFollowingStepWithRewardZeroIgnoringTheAction() {
        VectorSession a = cartPole(1, AutoresetMode.NEXT_STEP, 3L);
        VectorSession b = cartPole(1, AutoresetMode.NEXT_STEP, 3L);
        a.reset(null, null, null, null);
        b.reset(null, null, null, null);
        StepResult end = pushRightUntilEnded(a);
        pushRightUntilEnded(b);
        assertThat(end.terminated()[0]).isTrue();
        assertThat(end.rewards()[0]).isEqualTo(1f);
        assertThat(end.finalObservations()).isNull();
        StepResult ra = a.step(new long[] {0});
        StepResult rb = b.step(new long[] {1});
        assertThat(ra.observations()).containsExactly(rb.observations());
        assertThat(ra.rewards()[0]).isZero();
        assertThat(ra.terminated()[0]).isFalse();
        assertThat(ra.truncated()[0]).isFalse();
        assertWithinInitialRange(ra.observations());
        assertThat(a.step(new long[] {1}).observations()).containsExactly(b.step(new long[] {1}).observations());
    }

    @Test
    void sameStepReportsFinalObservationAndResetObservationTogether() {
        VectorSession same = cartPole(2, AutoresetMode.SAME_STEP, 4L);
        VectorSession next = cartPole(2, AutoresetMode.NEXT_STEP, 4L);
        same.reset(null, null, null, null);
        next.reset(null, null, null, null);
        for (int t = 0; t < 100; t++) {
            StepResult s = same.step(new long[] {1, 0});
            StepResult n = next.step(new long[] {1, 0});
            assertThat(s.rewards()).containsExactly(n.rewards());
            assertThat(s.terminated()).containsExactly(n.terminated());
            if (n.terminated()[0]) {
                assertThat(s.finalMask()).containsExactly(n.terminated());
                assertThat(Arrays.copyOfRange(s.finalObservations(), 0, 4))
                        .containsExactly(Arrays.copyOfRange(n.observations(), 0, 4));
                assertThat(Math.abs(s.finalObservations()[2])).isGreaterThan(0.2094f);
                StepResult reset = next.step(new long[] {1, 0});
                assertThat(Arrays.copyOfRange(s.observations(), 0, 4))
                        .containsExactly(Arrays.copyOfRange(reset.observations(), 0, 4));
                return;
            }
            assertThat(s.finalMask()).containsOnly(false);
            assertThat(s.observations()).containsExactly(n.observations());
        }
        throw new AssertionError("pushing right for 100 steps never ended the episode");
    }

    @Test
    void sameStepReportsFinalInfosOfTheEndedEpisode() {
        VectorSession s = new VectorSession(new IcuSepsisFactory().create(8, Map.of()), AutoresetMode.SAME_STEP, 6L);
        s.reset(null, null, null, null);
        for (int t = 0; t < 200; t++) {
            StepResult r = s.step(new long[8]);
            int stateColumn = r.infos().column("state");
            for (int i = 0; i < 8; i++) {
                if (r.terminated()[i]) {
                    assertThat(r.finalInfos().values(stateColumn)[i]).isIn(713.0, 714.0);
                    assertThat(r.finalObservations()[i]).isEqualTo((float) r.finalInfos().values(stateColumn)[i]);
                    assertThat(r.infos().values(stateColumn)[i]).isEqualTo(r.observations()[i]).isLessThan(713.0);
                    return;
                }
            }
        }
        throw new AssertionError("no ICU-Sepsis episode ended in 200 steps");
    }

    @Test
    void disabledRefusesToStepAnEndedEnvironmentUntilItIsResetByMask() {
        VectorSession s = cartPole(2, AutoresetMode.DISABLED, 5L);
        s.reset(null, null, null, null);
        StepResult end;
        do {
            end = s.step(new long[] {1, 1});
        } while (!end.terminated()[0] && !end.terminated()[1]);
        assertThat(end.finalObservations()).isNull();
        assertThatThrownBy(() -> s.step(new long[] {1, 1}))
                .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.code()).isEqualTo(EnvException.Code.FAILED_PRECONDITION))
                .hasMessageContaining("finished its episode and autoreset is DISABLED");
        boolean[] mask = s.endedMask();
        float[] before = end.observations();
        ResetResult r = s.reset(null, null, mask, null);
        for (int i = 0; i < 2; i++) {
            float[] row = Arrays.copyOfRange(r.observations(), 4 * i, 4 * i + 4);
            if (mask[i]) {
                assertWithinInitialRange(row);
            } else {
                assertThat(row).containsExactly(Arrays.copyOfRange(before, 4 * i, 4 * i + 4));
            }
        }
        assertThat(s.endedMask()).containsOnly(false);
        s.step(new long[] {0, 0});
    }

    @Test
    void stepBeforeResetIsAFailedPrecondition() {
        VectorSession s = cartPole(2, AutoresetMode.NEXT_STEP, 1L);
        assertThatThrownBy(() -> s.step(new long[] {0, 1}))
                .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.code()).isEqualTo(EnvException.Code.FAILED_PRECONDITION))
                .hasMessage("environment 0 has not been reset: call Reset before Step");
    }

    @Test
    void badActionsAreInvalidArgumentsThatLeaveTheStateUnchanged() {
        VectorSession s = cartPole(2, AutoresetMode.NEXT_STEP, 11L);
        VectorSession twin = cartPole(2, AutoresetMode.NEXT_STEP, 11L);
        s.reset(null, null, null, null);
        twin.reset(null, null, null, null);
        s.step(new long[] {1, 0});
        twin.step(new long[] {1, 0});
        assertInvalid(s, new long[] {1}, "got 1 actions; the session has 2 environments: send exactly one action per "
                + "environment");
        assertInvalid(s, new long[] {0, 2}, "action 2 of environment 1 is outside the action space Discrete(2): use 0..1");
        assertInvalid(s, new long[] {-1, 0}, "action -1 of environment 0 is outside the action space Discrete(2): use 0..1");
        assertInvalid(s, new long[] {0, 1, 0}, "got 3 actions; the session has 2 environments: send exactly one action "
                + "per environment");
        for (int t = 0; t < 30; t++) {
            StepResult r = s.step(new long[] {0, 1});
            StepResult expected = twin.step(new long[] {0, 1});
            assertThat(r.observations()).containsExactly(expected.observations());
            assertThat(r.rewards()).containsExactly(expected.rewards());
            assertThat(r.terminated()).containsExactly(expected.terminated());
        }
    }

    @Test
    void timeLimitTruncatesWithoutTerminatingAndThenResets() {
        for (AutoresetMode mode : AutoresetMode.values()) {
            VectorSession s = cartPole(1, mode, 21L);
            float[] obs = s.reset(null, null, null, null).observations();
            StepResult r = null;
            for (int t = 1; t <= 500; t++) {
                r = s.step(new long[] {balancing(obs)});
                assertThat(r.terminated()[0]).isFalse();
                assertThat(r.truncated()[0]).as("%s step %d", mode, t).isEqualTo(t == 500);
                obs = r.observations();
            }
            switch (mode) {
                case NEXT_STEP -> {
                    StepResult after = s.step(new long[] {0});
                    assertThat(after.rewards()[0]).isZero();
                    assertThat(after.truncated()[0]).isFalse();
                }
                case SAME_STEP -> {
                    assertThat(r.finalMask()[0]).isTrue();
                    assertWithinInitialRange(r.observations());
                }
                case DISABLED -> assertThatThrownBy(() -> s.step(new long[] {0})).isInstanceOf(EnvException.class);
            }
        }
    }

    @Test
    void episodeEndingOnTheTimeLimitStepIsBothTerminatedAndTruncatedLikeGymnasiumTimeLimit() {
        // A one-env stub that terminates on its third step, with a three-step time limit.
        EnvSpec base = CARTPOLE.spec();
        EnvSpec spec = new EnvSpec("Stub-v0", "terminates on step 3", base.observationSpace(), base.actionSpace(), 0, 1, 3,
                base.autoresetModes(), base.infoKeys(), base.options(), null, 1.0);
        int[] steps = new int[1];
        VectorEnv env = new VectorEnv() {
            @Override
            public EnvSpec spec() {
                return spec;
            }

            @Override
            public int numEnvs() {
                return 1;
            }

            @Override
            public void reset(int i, Rng rng, float[] obs, InfoBuffer infos) {
                steps[0] = 0;
            }

            @Override
            public void step(int[] a, boolean[] active, Rng[] rngs, float[] obs, float[] rewards, boolean[] terminated,
                    InfoBuffer infos) {
                terminated[0] = ++steps[0] == 3;
            }
        };
        VectorSession s = new VectorSession(env, AutoresetMode.DISABLED, 0L);
        s.reset(null, null, null, null);
        s.step(new long[] {0});
        StepResult second = s.step(new long[] {0});
        assertThat(second.terminated()[0] || second.truncated()[0]).isFalse();
        StepResult third = s.step(new long[] {0});
        assertThat(third.terminated()[0]).isTrue();
        assertThat(third.truncated()[0]).isTrue();
    }

    private static void assertWithinInitialRange(float[] row) {
        for (float x : row) {
            assertThat(x).isBetween(-0.05f, 0.05f);
        }
    }

    private static long balancing(float[] obs) {
        return obs[2] * 10 + obs[3] * 2 + obs[0] * 0.1 + obs[1] * 0.5 > 0 ? 1 : 0;
    }

    private static StepResult pushRightUntilEnded(VectorSession s) {
        for (int t = 0; t < 500; t++) {
            StepResult r = s.step(new long[] {1});
            if (r.terminated()[0]) {
                return r;
            }
        }
        throw new AssertionError("pushing right for 500 steps never ended the episode");
    }

    private static void assertInvalid(VectorSession s, long[] actions, String message) {
        assertThatThrownBy(() -> s.step(actions))
                .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.code()).isEqualTo(EnvException.Code.INVALID_ARGUMENT))
                .hasMessage(message);
    }
}
