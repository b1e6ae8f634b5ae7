package org.icugym.core.envs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.EnvFactory;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.StepResult;
import org.icugym.core.env.VectorSession;
import org.icugym.core.random.Rng;
import org.icugym.core.space.BoxSpace;
import org.icugym.core.space.DiscreteSpace;
import org.icugym.core.space.Space;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The in-process part of the Env API compliance suite, run for every built-in environment: spaces
 * agree with what the environment emits, seeding is reproducible, terminated and truncated are
 * kept apart, every declared autoreset mode works and unknown options are rejected.
 */
class BuiltinEnvironmentsComplianceTest {
    private static final int NUM_ENVS = 16;
    private static final int STEPS = 300;

    static List<String> ids() {
        return BuiltinEnvironments.registry().ids();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void registryHoldsEveryBuiltinEnvironment(String id) {
        assertThat(ids()).containsExactly("CartPole-v1", "ICU-Sepsis-v2", "Sepsis-Physiology-v1");
        assertThat(BuiltinEnvironments.registry().factory(id).spec().id()).isEqualTo(id);
    }

    @ParameterizedTest
    @MethodSource("ids")
    void observationsRewardsAndFlagsAgreeWithTheSpec(String id) {
        for (AutoresetMode mode : AutoresetMode.values()) {
            VectorSession s = session(id, mode, 1L);
            EnvSpec spec = s.spec();
            float[] obs = s.reset(null, null, null, null).observations();
            assertThat(obs).hasSize(NUM_ENVS * spec.obsDim());
            assertInSpace(spec.observationSpace(), obs);
            Rng rng = new Rng(2);
            for (int t = 0; t < STEPS; t++) {
                if (mode == AutoresetMode.DISABLED) {
                    boolean[] ended = s.endedMask();
                    if (anyTrue(ended)) {
                        assertInSpace(spec.observationSpace(), s.reset(null, null, ended, null).observations());
                    }
                }
                StepResult r = s.step(randomActions(spec, rng));
                assertInSpace(spec.observationSpace(), r.observations());
                for (int i = 0; i < NUM_ENVS; i++) {
                    assertThat((double) r.rewards()[i]).isBetween(spec.rewardMin(), spec.rewardMax());
                }
                if (mode == AutoresetMode.SAME_STEP) {
                    assertInSpace(spec.observationSpace(), masked(r.finalObservations(), r.finalMask(), spec.obsDim()));
                } else {
                    assertThat(r.finalObservations()).isNull();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("ids")
    void sameSeedReproducesAndDifferentSeedsDiffer(String id) {
        float[][] a = rollout(id, 5L);
        float[][] b = rollout(id, 5L);
        float[][] c = rollout(id, 6L);
        assertThat(a).isDeepEqualTo(b);
        assertThat(Arrays.deepEquals(a, c)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void unknownOptionsAreInvalidArguments(String id) {
        EnvFactory f = BuiltinEnvironments.registry().factory(id);
        assertThatThrownBy(() -> f.create(1, Map.of("no_such_option", "1")))
                .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.code()).isEqualTo(EnvException.Code.INVALID_ARGUMENT))
                .hasMessageStartingWith("unknown option 'no_such_option' for " + id + "; accepted options: ");
    }

    private static float[][] rollout(String id, long seed) {
        VectorSession s = session(id, AutoresetMode.NEXT_STEP, seed);
        Rng rng = new Rng(3);
        float[][] out = new float[2 * 50 + 1][];
        out[0] = s.reset(null, null, null, null).observations();
        for (int t = 0; t < 50; t++) {
            StepResult r = s.step(randomActions(s.spec(), rng));
            out[2 * t + 1] = r.observations();
            out[2 * t + 2] = r.rewards();
        }
        return out;
    }

    private static VectorSession session(String id, AutoresetMode mode, long seed) {
        return new VectorSession(BuiltinEnvironments.registry().factory(id).create(NUM_ENVS, Map.of()), mode, seed);
    }

    private static long[] randomActions(EnvSpec spec, Rng rng) {
        long[] a = new long[NUM_ENVS];
        for (int i = 0; i < NUM_ENVS; i++) {
            a[i] = rng.nextInt(spec.numActions());
        }
        return a;
    }

    private static void assertInSpace(Space space, float[] rows) {
        int dim = space.flatDim();
        for (int o = 0; o < rows.length; o += dim) {
            if (space instanceof BoxSpace box) {
                assertThat(box.contains(rows, o)).as("row at %d in %s", o, box).isTrue();
            } else if (space instanceof DiscreteSpace d) {
                float v = rows[o];
                assertThat(v == Math.rint(v) && d.contains((long) v)).as("%s in %s", v, d).isTrue();
            }
        }
    }

    private static float[] masked(float[] rows, boolean[] mask, int dim) {
        int n = 0;
        for (boolean m : mask) {
            n += m ? 1 : 0;
        }
        float[] out = new float[n * dim];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                System.arraycopy(rows, i * dim, out, k++ * dim, dim);
            }
        }
        return out;
    }

    private static boolean anyTrue(boolean[] flags) {
        for (boolean f : flags) {
            if (f) {
                return true;
            }
        }
        return false;
    }
}
