package org.icugym.core.envs.cartpole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.InfoBuffer;
import org.icugym.core.env.StepResult;
import org.icugym.core.env.VectorSession;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.core.random.Rng;
import org.icugym.core.space.BoxSpace;
import org.icugym.core.space.DiscreteSpace;
import org.junit.jupiter.api.Test;

/**
 * CartPole-v1 against Gymnasium's {@code CartPoleEnv}: hand-computed transitions, termination,
 * reward, spaces and the 500-step truncation.
 *
 * <p>Gymnasium's step, with g = 9.8, m_c = 1.0, m_p = 0.1, M = m_c + m_p = 1.1, l = 0.5,
 * F = +-10 and tau = 0.02:
 * <pre>
 *   temp     = (F + m_p l theta_dot^2 sin(theta)) / M
 *   theta_acc = (g sin(theta) - cos(theta) temp) / (l (4/3 - m_p cos^2(theta) / M))
 *   x_acc    = temp - m_p l theta_acc cos(theta) / M
 *   x += tau x_dot;  x_dot += tau x_acc;  theta += tau theta_dot;  theta_dot += tau theta_acc
 * </pre>
 */
class CartPoleTest {
    private static final double EPS = 1e-6;

    private final EnvSpec spec = new CartPoleFactory().spec();

    @Test
    void pushRightFromRest() {
        // sin 0 = 0, cos 0 = 1: temp = 10 / 1.1 = 100/11;
        // theta_acc = -(100/11) / (0.5 (4/3 - 0.1/1.1)) = -(100/11) / (41/66) = -600/41;
        // x_acc = 100/11 + 0.05 (600/41) / 1.1 = 4400/451.
        double[] next = step(new double[] {0, 0, 0, 0}, 1);
        assertThat(next[0]).isCloseTo(0.0, within(EPS));
        assertThat(next[1]).isCloseTo(0.02 * 4400.0 / 451.0, within(EPS)); // 0.19512195
        assertThat(next[2]).isCloseTo(0.0, within(EPS));
        assertThat(next[3]).isCloseTo(0.02 * -600.0 / 41.0, within(EPS)); // -0.29268293
    }

    @Test
    void pushLeftWhileThePoleFallsRight() {
        double x = 0.1;
        double xDot = -0.2;
        double theta = 0.05;
        double thetaDot = 0.3;
        double temp = (-10 + 0.1 * 0.5 * thetaDot * thetaDot * Math.sin(theta)) / 1.1;
        double thetaAcc = (9.8 * Math.sin(theta) - Math.cos(theta) * temp)
                / (0.5 * (4.0 / 3.0 - 0.1 * Math.cos(theta) * Math.cos(theta) / 1.1));
        double xAcc = temp - 0.1 * 0.5 * thetaAcc * Math.cos(theta) / 1.1;
        double[] next = step(new double[] {x, xDot, theta, thetaDot}, 0);
        assertThat(next).containsExactly(new double[] {x + 0.02 * xDot, xDot + 0.02 * xAcc,
                theta + 0.02 * thetaDot, thetaDot + 0.02 * thetaAcc}, within(EPS));
        // the same numbers from Gymnasium's code in Python
        assertThat(next).containsExactly(new double[] {0.096, -0.3957976546439626, 0.056, 0.6080233136061515},
                within(EPS));
    }

    @Test
    void pushRightWhileThePoleFallsLeft() {
        double[] next = step(new double[] {-1.0, 0.5, -0.1, -0.4}, 1);
        assertThat(next).containsExactly(new double[] {-0.99, 0.6963877519375107, -0.108, -0.7224609712752836},
                within(EPS));
    }

    @Test
    void terminatesBeyondTwelveDegreesOrTwoPointFourMetresWithRewardOne() {
        assertThat(terminates(new double[] {0, 0, 0.2, 1.0}, 1)).isTrue(); // theta -> 0.22 > 0.2094
        assertThat(terminates(new double[] {0, 0, -0.2, -1.0}, 0)).isTrue();
        assertThat(terminates(new double[] {2.39, 1.0, 0, 0}, 1)).isTrue(); // x -> 2.41 > 2.4
        assertThat(terminates(new double[] {-2.39, -1.0, 0, 0}, 0)).isTrue();
        assertThat(terminates(new double[] {2.3, 1.0, 0.19, 0.5}, 1)).isFalse(); // x 2.32, theta 0.2
        assertThat(CartPoleVectorEnv.THETA_THRESHOLD_RADIANS).isCloseTo(0.20943951, within(1e-8));
    }

    @Test
    void spacesAreGymnasiums() {
        BoxSpace box = (BoxSpace) spec.observationSpace();
        double inf = Double.POSITIVE_INFINITY;
        assertThat(box.high()).containsExactly(new double[] {4.8, inf, 0.41887903, inf}, within(1e-7));
        assertThat(box.low()).containsExactly(new double[] {-4.8, -inf, -0.41887903, -inf}, within(1e-7));
        assertThat(box.names()).containsExactly("cart_position", "cart_velocity", "pole_angle", "pole_angular_velocity");
        assertThat(box.units()).containsExactly("m", "m/s", "rad", "rad/s");
        assertThat(spec.actionSpace()).isEqualTo(new DiscreteSpace(2, 0, List.of("push_left", "push_right")));
        assertThat(spec.maxEpisodeSteps()).isEqualTo(500);
        assertThat(spec.autoresetModes()).containsExactlyInAnyOrder(AutoresetMode.values());
        assertThat(BuiltinEnvironments.registry().factory("CartPole-v1").spec()).isEqualTo(spec);
    }

    @Test
    void initialStatesAreUniformWithinFiveHundredths() {
        CartPoleVectorEnv env = new CartPoleVectorEnv(spec, 1);
        float[] obs = new float[4];
        Rng rng = new Rng(3);
        double[] min = {1, 1, 1, 1};
        double[] max = {-1, -1, -1, -1};
        for (int n = 0; n < 2000; n++) {
            env.reset(0, rng, obs, null);
            for (int j = 0; j < 4; j++) {
                assertThat(env.state(0)[j]).isBetween(-0.05, 0.05);
                min[j] = Math.min(min[j], obs[j]);
                max[j] = Math.max(max[j], obs[j]);
            }
        }
        for (int j = 0; j < 4; j++) {
            assertThat(min[j]).isLessThan(-0.049);
            assertThat(max[j]).isGreaterThan(0.049);
        }
    }

    @Test
    void balancedPoleIsTruncatedAtFiveHundredStepsNotTerminated() {
        VectorSession session = new VectorSession(new CartPoleFactory().create(8, Map.of()), AutoresetMode.NEXT_STEP, 42L);
        float[] obs = session.reset(null, null, null, null).observations();
        long[] actions = new long[8];
        double[] returns = new double[8];
        for (int t = 1; t <= 500; t++) {
            for (int i = 0; i < 8; i++) {
                actions[i] = balancing(obs, i);
            }
            StepResult r = session.step(actions);
            for (int i = 0; i < 8; i++) {
                returns[i] += r.rewards()[i];
                assertThat(r.terminated()[i]).isFalse();
                assertThat(r.truncated()[i]).isEqualTo(t == 500);
            }
            obs = r.observations();
        }
        assertThat(returns).containsOnly(500.0);
    }

    /** A PD controller that keeps the pole up for 500 steps from any initial state. */
    static long balancing(float[] obs, int env) {
        int o = env * 4;
        return obs[o + 2] * 10 + obs[o + 3] * 2 + obs[o] * 0.1 + obs[o + 1] * 0.5 > 0 ? 1 : 0;
    }

    private double[] step(double[] state, int action) {
        CartPoleVectorEnv env = new CartPoleVectorEnv(spec, 1);
        env.setState(0, state[0], state[1], state[2], state[3]);
        float[] obs = new float[4];
        float[] rewards = new float[1];
        boolean[] terminated = new boolean[1];
        env.step(new int[] {action}, new boolean[] {true}, new Rng[] {new Rng(0)}, obs, rewards, terminated,
                new InfoBuffer(List.of(), 1));
        assertThat(rewards[0]).isEqualTo(1f);
        double[] next = env.state(0);
        for (int j = 0; j < 4; j++) {
            assertThat(obs[j]).isEqualTo((float) next[j]);
        }
        return next;
    }

    private boolean terminates(double[] state, int action) {
        CartPoleVectorEnv env = new CartPoleVectorEnv(spec, 1);
        env.setState(0, state[0], state[1], state[2], state[3]);
        float[] rewards = new float[1];
        boolean[] terminated = new boolean[1];
        env.step(new int[] {action}, new boolean[] {true}, new Rng[] {new Rng(0)}, new float[4], rewards, terminated,
                new InfoBuffer(List.of(), 1));
        assertThat(rewards[0]).isEqualTo(1f);
        return terminated[0];
    }
}
