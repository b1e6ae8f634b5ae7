package org.icugym.trainer.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Adam as PyTorch's {@code torch.optim.Adam} (β₁ 0.9, β₂ 0.999, bias-corrected, ε added to the
 * corrected root of the second moment), with CleanRL's ε = 1e-5, computed in Java over copies of
 * the parameters so that its whole state (step count and both moments) can be read and restored
 * for checkpoints; DJL's own optimizer keeps its moments out of reach. Not thread-safe.
 */
public final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;

    private final double eps;
    private long step;
    private float[][] m;
    private float[][] v;

    /**
     * The optimizer state.
     *
     * @param step          updates applied so far (for the bias correction)
     * @param firstMoments  first moment per parameter, in {@code ActorCriticNetwork#parameters()} order
     * @param secondMoments second moment per parameter, same order
     */
    public record State(long step, float[][] firstMoments, float[][] secondMoments) {
        /** Checks that both moment lists have the same shapes. */
        public State {
            if (step < 0 || firstMoments.length != secondMoments.length) {
                throw new IllegalArgumentException("an Adam state needs step >= 0 and as many first as second moments");
            }
            for (int i = 0; i < firstMoments.length; i++) {
                if (firstMoments[i].length != secondMoments[i].length) {
                    throw new IllegalArgumentException("Adam moments of parameter " + i + " differ in size");
                }
            }
        }
    }

    /** A fresh optimizer with the given ε. */
    public Adam(double eps) {
        this.eps = eps;
    }

    /**
     * One step on every parameter at learning rate {@code lr}, with each gradient multiplied by
     * {@code gradScale} first (the gradient-norm clip).
     */
    public void step(List<Parameter> params, float[][] grads, double lr, double gradScale) {
        if (m == null) {
            m = new float[params.size()][];
            v = new float[params.size()][];
            for (int i = 0; i < params.size(); i++) {
                m[i] = new float[grads[i].length];
                v[i] = new float[grads[i].length];
            }
        }
        if (m.length != params.size()) {
            throw new IllegalStateException("the optimizer holds state for " + m.length + " parameters, got " + params.size());
        }
        step++;
        double bc1 = 1 - Math.pow(BETA1, step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(BETA2, step));
        double stepSize = lr / bc1;
        for (int i = 0; i < params.size(); i++) {
            NDArray array = params.get(i).getArray();
            float[] p = array.toFloatArray();
            float[] g = grads[i];
            float[] mi = m[i];
            float[] vi = v[i];
            if (p.length != mi.length) {
                throw new IllegalStateException("parameter " + i + " has " + p.length + " values, its Adam state " + mi.length);
            }
            for (int k = 0; k < p.length; k++) {
                double gk = g[k] * gradScale;
                mi[k] = (float) (BETA1 * mi[k] + (1 - BETA1) * gk);
                vi[k] = (float) (BETA2 * vi[k] + (1 - BETA2) * gk * gk);
                p[k] = (float) (p[k] - stepSize * mi[k] / (Math.sqrt(vi[k]) / bc2Sqrt + eps));
            }
            array.set(p);
        }
    }

    /** A copy of the state (empty moments before the first step). */
    public State state() {
        if (m == null) {
            return new State(0, new float[0][], new float[0][]);
        }
        float[][] mc = new float[m.length][];
        float[][] vc = new float[v.length][];
        for (int i = 0; i < m.length; i++) {
            mc[i] = m[i].clone();
            vc[i] = v[i].clone();
        }
        return new State(step, mc, vc);
    }

    /** Replaces the state with a copy of {@code state}. */
    public void restore(State state) {
        step = state.step();
        if (state.firstMoments().length == 0) {
            m = null;
            v = null;
            return;
        }
        m = new float[state.firstMoments().length][];
        v = new float[state.secondMoments().length][];
        for (int i = 0; i < m.length; i++) {
            m[i] = state.firstMoments()[i].clone();
            v[i] = state.secondMoments()[i].clone();
        }
    }
}
