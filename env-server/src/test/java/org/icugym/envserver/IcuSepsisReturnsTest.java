package org.icugym.envserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.icugym.core.envs.icusepsis.IcuSepsisData;
import org.icugym.envserver.testing.EnvApi;
import org.icugym.envserver.testing.TestEnvServer;
import org.icugym.envserver.testing.Tensors;
import org.icugym.proto.v1.AutoresetMode;
import org.icugym.proto.v1.CloseSessionRequest;
import org.icugym.proto.v1.CreateSessionRequest;
import org.icugym.proto.v1.ResetRequest;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ICU-Sepsis-v2 through the gRPC API reproduces the published mean returns: uniform-random 0.780
 * and expert (the clinicians' policy) 0.782, within 0.01, over 20,480 episodes each (one Session
 * stream, 2,048 environments per request, the first 10 episodes of every environment so that short
 * episodes are not over-represented).
 */
class IcuSepsisReturnsTest {
    private static final int NUM_ENVS = 2048;
    private static final int EPISODES_PER_ENV = 10;
    private static TestEnvServer server;

    @BeforeAll
    static void start() {
        server = TestEnvServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Chooses an action for a state. */
    private interface Policy {
        long act(int state, SplittableRandom random);
    }

    @Test
    void uniformRandomPolicyReturns0780() {
        double mean = meanReturn((state, random) -> random.nextInt(IcuSepsisData.NUM_ACTIONS), 1);
        System.out.printf("ICU-Sepsis-v2 uniform-random policy: mean return %.4f over %d episodes%n", mean,
                NUM_ENVS * EPISODES_PER_ENV);
        assertThat(mean).isCloseTo(0.780, within(0.01));
    }

    @Test
    void expertPolicyReturns0782() {
        double[][] expert = IcuSepsisData.load().expertPolicy();
        double mean = meanReturn((state, random) -> sample(expert[state], random), 2);
        System.out.printf("ICU-Sepsis-v2 expert policy: mean return %.4f over %d episodes%n", mean,
                NUM_ENVS * EPISODES_PER_ENV);
        assertThat(mean).isCloseTo(0.782, within(0.01));
    }

    private static long sample(double[] probabilities, SplittableRandom random) {
        double u = random.nextDouble();
        double sum = 0;
        for (int a = 0; a < probabilities.length; a++) {
            sum += probabilities[a];
            if (u < sum) {
                return a;
            }
        }
        return 0; // terminal states have no policy row; their action is ignored by the autoreset
    }

    private static double meanReturn(Policy policy, long seed) {
        try (EnvApi api = server.stream()) {
            String id = api.create(CreateSessionRequest.newBuilder().setEnvId("ICU-Sepsis-v2").setNumEnvs(NUM_ENVS)
                    .setSeed(seed).setAutoresetMode(AutoresetMode.AUTORESET_MODE_NEXT_STEP).build()).getSessionId();
            double[] obs = Tensors.values(api.reset(ResetRequest.newBuilder().setSessionId(id).setSeed(seed).build())
                    .getObservations());
            SplittableRandom random = new SplittableRandom(seed);
            double[] episodeReturn = new double[NUM_ENVS];
            int[] episodes = new int[NUM_ENVS];
            boolean[] resetting = new boolean[NUM_ENVS];
            double total = 0;
            int counted = 0;
            long[] actions = new long[NUM_ENVS];
            while (counted < NUM_ENVS * EPISODES_PER_ENV) {
                for (int i = 0; i < NUM_ENVS; i++) {
                    actions[i] = policy.act((int) obs[i], random);
                }
                StepResponse r = api.step(StepRequest.newBuilder().setSessionId(id)
                        .setActions(Tensors.int64(actions)).build());
                obs = Tensors.values(r.getObservations());
                double[] rewards = Tensors.values(r.getRewards());
                boolean[] terminated = Tensors.bools(r.getTerminated());
                boolean[] truncated = Tensors.bools(r.getTruncated());
                for (int i = 0; i < NUM_ENVS; i++) {
                    if (resetting[i]) { // NEXT_STEP: this step only reset env i
                        resetting[i] = false;
                        continue;
                    }
                    episodeReturn[i] += rewards[i];
                    if (terminated[i] || truncated[i]) {
                        if (episodes[i]++ < EPISODES_PER_ENV) {
                            total += episodeReturn[i];
                            counted++;
                        }
                        episodeReturn[i] = 0;
                        resetting[i] = true;
                    }
                }
            }
            api.closeSession(CloseSessionRequest.newBuilder().setSessionId(id).build());
            return total / counted;
        }
    }
}
