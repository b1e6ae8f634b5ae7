package org.icugym.core.envs.cartpole;

import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.InfoBuffer;
import org.icugym.core.env.VectorEnv;
import org.icugym.core.random.Rng;

/**
 * A vector of cart-pole environments with Gymnasium's {@code CartPoleEnv} dynamics (explicit Euler
 * integration, {@code tau} = 0.02 s), its state held as four {@code double[numEnvs]} arrays.
 *
 * <p>Action 0 pushes the cart left and 1 pushes it right with {@link #FORCE_MAG} newtons. The
 * reward is 1.0 on every step, including the one that terminates the episode; an episode
 * terminates when |x| &gt; 2.4 m or |theta| &gt; 12 degrees. The 500-step time limit is applied by
 * the session, not here. Not thread-safe.
 */
public final class CartPoleVectorEnv implements VectorEnv {
    /** Gravitational acceleration (m/s^2). */
    public static final double GRAVITY = 9.8;
    /** Mass of the cart (kg). */
    public static final double MASS_CART = 1.0;
    /** Mass of the pole (kg). */
    public static final double MASS_POLE = 0.1;
    /** Total mass of cart and pole (kg). */
    public static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    /** Half the pole's length (m). */
    public static final double LENGTH = 0.5;
    /** Pole mass times half-length (kg m). */
    public static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
    /** Magnitude of the push (N). */
    public static final double FORCE_MAG = 10.0;
    /** Seconds between state updates (s). */
    public static final double TAU = 0.02;
    /** Pole angle beyond which the episode terminates: 12 degrees (rad). */
    public static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
    /** Cart position beyond which the episode terminates (m). */
    public static final double X_THRESHOLD = 2.4;
    /** Half-width of the uniform initial-state distribution of every state component. */
    public static final double INIT_BOUND = 0.05;

    private final EnvSpec spec;
    private final int numEnvs;
    private final double[] x;
    private final double[] xDot;
    private final double[] theta;
    private final double[] thetaDot;

    /** {@code numEnvs} cart-poles described by {@code spec}; call {@link #reset} before stepping. */
    public CartPoleVectorEnv(EnvSpec spec, int numEnvs) {
        this.spec = spec;
        this.numEnvs = numEnvs;
        this.x = new double[numEnvs];
        this.xDot = new double[numEnvs];
        this.theta = new double[numEnvs];
        this.thetaDot = new double[numEnvs];
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public int numEnvs() {
        return numEnvs;
    }

    @Override
    public void reset(int env, Rng rng, float[] obs, InfoBuffer infos) {
        x[env] = rng.uniform(-INIT_BOUND, INIT_BOUND);
        xDot[env] = rng.uniform(-INIT_BOUND, INIT_BOUND);
        theta[env] = rng.uniform(-INIT_BOUND, INIT_BOUND);
        thetaDot[env] = rng.uniform(-INIT_BOUND, INIT_BOUND);
        writeObservation(env, obs);
    }

    @Override
    public void step(int[] actions, boolean[] active, Rng[] rngs, float[] obs, float[] rewards,
            boolean[] terminated, InfoBuffer infos) {
        for (int i = 0; i < numEnvs; i++) {
            if (!active[i]) {
                continue;
            }
            double force = actions[i] == 1 ? FORCE_MAG : -FORCE_MAG;
            double cosTheta = Math.cos(theta[i]);
            double sinTheta = Math.sin(theta[i]);
            double temp = (force + POLE_MASS_LENGTH * thetaDot[i] * thetaDot[i] * sinTheta) / TOTAL_MASS;
            double thetaAcc = (GRAVITY * sinTheta - cosTheta * temp)
                    / (LENGTH * (4.0 / 3.0 - MASS_POLE * cosTheta * cosTheta / TOTAL_MASS));
            double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;
            x[i] += TAU * xDot[i];
            xDot[i] += TAU * xAcc;
            theta[i] += TAU * thetaDot[i];
            thetaDot[i] += TAU * thetaAcc;
            terminated[i] = x[i] < -X_THRESHOLD || x[i] > X_THRESHOLD
                    || theta[i] < -THETA_THRESHOLD_RADIANS || theta[i] > THETA_THRESHOLD_RADIANS;
            rewards[i] = 1.0f;
            writeObservation(i, obs);
        }
    }

    /**
     * Sets environment {@code env}'s state directly (for tests and replay); units as in the
     * observation: m, m/s, rad, rad/s.
     */
    public void setState(int env, double cartPosition, double cartVelocity, double poleAngle,
            double poleAngularVelocity) {
        x[env] = cartPosition;
        xDot[env] = cartVelocity;
        theta[env] = poleAngle;
        thetaDot[env] = poleAngularVelocity;
    }

    /** Environment {@code env}'s full-precision state {x, x_dot, theta, theta_dot}. */
    public double[] state(int env) {
        return new double[] {x[env], xDot[env], theta[env], thetaDot[env]};
    }

    private void writeObservation(int env, float[] obs) {
        int o = env * 4;
        obs[o] = (float) x[env];
        obs[o + 1] = (float) xDot[env];
        obs[o + 2] = (float) theta[env];
        obs[o + 3] = (float) thetaDot[env];
    }
}
