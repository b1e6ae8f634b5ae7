package org.icugym.trainer.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adam's steps on hand-computed numbers, and a restored state continues exactly. */
class AdamTest {
    @Test
    void firstStepsMatchTorchAdam() {
        try (ActorCriticNetwork net = new ActorCriticNetwork(1, 2, new int[] {1}, 1, Device.cpu())) {
            List<Parameter> params = net.parameters();
            float[][] before = values(params);
            float[][] grads = grads(params, 0.5f);
            Adam adam = new Adam(1e-5);
            adam.step(params, grads, 0.1, 1.0);
            // step 1: m̂ = g, v̂ = g², so p -= lr * g / (|g| + eps)
            float[][] after1 = values(params);
            assertThat(after1[0][0]).isCloseTo(before[0][0] - 0.1f * 0.5f / (0.5f + 1e-5f), within(1e-6f));
            // step 2 with g = -0.25, gradient scaled by 0.5 → g = -0.125
            adam.step(params, grads(params, -0.25f), 0.1, 0.5);
            double m = 0.9 * 0.1 * 0.5 + 0.1 * -0.125;
            double v = 0.999 * 0.001 * 0.25 + 0.001 * 0.015625;
            double expected = after1[0][0] - 0.1 / (1 - 0.81) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.998001) + 1e-5);
            assertThat((double) values(params)[0][0]).isCloseTo(expected, within(1e-6));
            assertThat(adam.state().step()).isEqualTo(2);
        }
    }

    @Test
    void restoredStateContinuesIdentically() {
        try (ActorCriticNetwork a = new ActorCriticNetwork(3, 2, new int[] {4}, 5, Device.cpu());
                ActorCriticNetwork b = new ActorCriticNetwork(3, 2, new int[] {4}, 9, Device.cpu())) {
            Adam adamA = new Adam(1e-5);
            adamA.step(a.parameters(), grads(a.parameters(), 0.3f), 0.01, 1.0);
            b.load(a.weights());
            Adam adamB = new Adam(1e-5);
            adamB.restore(adamA.state());
            adamA.step(a.parameters(), grads(a.parameters(), -0.7f), 0.01, 1.0);
            adamB.step(b.parameters(), grads(b.parameters(), -0.7f), 0.01, 1.0);
            assertThat(b.weights()).isEqualTo(a.weights());
        }
    }

    private static float[][] values(List<Parameter> params) {
        float[][] out = new float[params.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = params.get(i).getArray().toFloatArray();
        }
        return out;
    }

    private static float[][] grads(List<Parameter> params, float g) {
        float[][] out = new float[params.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[(int) params.get(i).getArray().size()];
            java.util.Arrays.fill(out[i], g);
        }
        return out;
    }
}
