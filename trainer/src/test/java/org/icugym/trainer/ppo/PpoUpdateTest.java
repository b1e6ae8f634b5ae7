package org.icugym.trainer.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.icugym.core.random.Rng;
import org.junit.jupiter.api.Test;

/** One PPO update on a synthetic batch moves the policy the right way; weights round-trip. */
class PpoUpdateTest {
    @Test
    void rewardedActionBecomesMoreLikelyAndWeightsRoundTrip() {
        PpoSettings s = PpoSettings.defaults("CartPole-v1", "127.0.0.1", 1, 512, 3).with(4, 16, 1e-2, null);
        try (ActorCriticNetwork net = new ActorCriticNetwork(2, 2, new int[] {16}, 3, Device.cpu());
                ActorCriticNetwork copy = new ActorCriticNetwork(2, 2, new int[] {16}, 99, Device.cpu());
                NDManager m = NDManager.newBaseManager()) {
            int n = 64;
            float[] obs = new float[n * 2];
            int[] actions = new int[n];
            float[] rewards = new float[n];
            boolean[] term = new boolean[n];
            for (int k = 0; k < n; k++) {
                obs[2 * k] = 1;
                actions[k] = k % 2;
                rewards[k] = actions[k] == 0 ? 1 : 0;
                term[k] = true;
            }
            float p0Before = prob0(net, m);
            float[] logp = new float[n];
            java.util.Arrays.fill(logp, (float) Math.log(p0Before)); // close enough for the ratio
            TrajectoryBatch b = new TrajectoryBatch(0, 4, 16, 2, obs, actions, logp, new float[n], rewards, term,
                    new boolean[n], new float[n], new float[4], new float[0], new int[0]);
            PpoUpdate.Metrics metrics = new PpoUpdate(net, s, new Rng(1)).update(b, 1e-2);
            assertThat(prob0(net, m)).isGreaterThan(p0Before + 0.01f);
            assertThat(metrics.epochs()).isEqualTo(4);

            prob0(copy, m); // a network that has run before loading must use the loaded weights
            copy.load(net.weights());
            assertThat(prob0(copy, m)).isEqualTo(prob0(net, m));
        }
    }

    private static float prob0(ActorCriticNetwork net, NDManager m) {
        return net.logits(m.create(new float[] {1, 0}, new Shape(1, 2)), false).softmax(1).toFloatArray()[0];
    }
}
