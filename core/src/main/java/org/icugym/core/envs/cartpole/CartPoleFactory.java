package org.icugym.core.envs.cartpole;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.EnvFactory;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.VectorEnv;
import org.icugym.core.space.BoxSpace;
import org.icugym.core.space.DiscreteSpace;

/** The factory of {@code CartPole-v1}: Gymnasium's spaces, limits and 500-step time limit. */
public final class CartPoleFactory implements EnvFactory {
    /** The environment id. */
    public static final String ID = "CartPole-v1";
    /** Gymnasium's {@code max_episode_steps} for CartPole-v1. */
    public static final int MAX_EPISODE_STEPS = 500;

    private static final EnvSpec SPEC = buildSpec();

    @Override
    public EnvSpec spec() {
        return SPEC;
    }

    @Override
    public VectorEnv create(int numEnvs, Map<String, String> options) {
        checkOptionNames(options);
        if (numEnvs < 1) {
            throw EnvException.invalidArgument("num_envs must be at least 1, got " + numEnvs);
        }
        return new CartPoleVectorEnv(SPEC, numEnvs);
    }

    private static EnvSpec buildSpec() {
        double inf = Double.POSITIVE_INFINITY;
        double xHigh = CartPoleVectorEnv.X_THRESHOLD * 2;
        double thetaHigh = CartPoleVectorEnv.THETA_THRESHOLD_RADIANS * 2;
        BoxSpace observation = BoxSpace.vector(
                new double[] {-xHigh, -inf, -thetaHigh, -inf},
                new double[] {xHigh, inf, thetaHigh, inf},
                List.of("cart_position", "cart_velocity", "pole_angle", "pole_angular_velocity"),
                List.of("m", "m/s", "rad", "rad/s"));
        DiscreteSpace action = new DiscreteSpace(2, 0, List.of("push_left", "push_right"));
        return new EnvSpec(ID,
                "Classic cart-pole balancing (Barto, Sutton & Anderson 1983) with Gymnasium's CartPoleEnv "
                        + "equations: Euler integration at tau = 0.02 s, push of 10 N, reward 1 per step, "
                        + "terminates when |x| > 2.4 m or |theta| > 12 degrees, truncated at 500 steps.",
                observation, action, 0.0, 1.0, MAX_EPISODE_STEPS, EnumSet.allOf(AutoresetMode.class),
                List.of(), List.of(), null, 1.0);
    }
}
