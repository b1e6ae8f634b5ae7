package org.icugym.core.envs.icusepsis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.EnvSpec;
import org.icugym.core.env.InfoBuffer;
import org.icugym.core.env.ResetResult;
import org.icugym.core.env.StepResult;
import org.icugym.core.env.VectorSession;
import org.icugym.core.envs.BuiltinEnvironments;
import org.icugym.core.random.Rng;
import org.icugym.core.space.BoxSpace;
import org.icugym.core.space.DiscreteSpace;
import org.junit.jupiter.api.Test;

/** ICU-Sepsis-v2 through {@link VectorSession}: spec, options, infos and Monte-Carlo returns. */
class IcuSepsisEnvTest {
    private static final int NUM_ENVS = 256;
    private static final int EPISODES_PER_ENV = 79; // 20,224 episodes in all

    private final IcuSepsisFactory factory = new IcuSepsisFactory();
    private final IcuSepsisData data = IcuSepsisData.load();

    @Test
    void specDescribesTheBenchmark() {
        EnvSpec spec = BuiltinEnvironments.registry().factory("ICU-Sepsis-v2").spec();
        assertThat(spec.observationSpace()).isEqualTo(new DiscreteSpace(716, 0, java.util.List.of()));
        DiscreteSpace actions = (DiscreteSpace) spec.actionSpace();
        assertThat(actions.n()).isEqualTo(25);
        assertThat(actions.labels().get(10)).isEqualTo("fluid 2 / vaso 0");
        assertThat(actions.labels().get(24)).isEqualTo("fluid 4 / vaso 4");
        assertThat(spec.actionGrid().nvec()).containsExactly(5, 5);
        assertThat(spec.actionGrid().names()).containsExactly("fluid_bin", "vaso_bin");
        assertThat(spec.maxEpisodeSteps()).isEqualTo(500);
        assertThat(spec.referenceDiscount()).isEqualTo(1.0);
        assertThat(spec.autoresetModes()).containsExactlyInAnyOrder(AutoresetMode.values());
    }

    @Test
    void oneHotObservationSetsExactlyTheStateEntry() {
        VectorSession session = new VectorSession(factory.create(3, Map.of("observation", "onehot")),
                AutoresetMode.NEXT_STEP, 5L);
        BoxSpace box = (BoxSpace) session.spec().observationSpace();
        assertThat(box.flatDim()).isEqualTo(716);
        assertThat(box.names().get(715)).isEqualTo("state_715");
        ResetResult r = session.reset(null, null, null, null);
        InfoBuffer infos = r.infos();
        for (int i = 0; i < 3; i++) {
            int state = (int) infos.values(infos.column("state"))[i];
            for (int s = 0; s < 716; s++) {
                assertThat(r.observations()[i * 716 + s]).isEqualTo(s == state ? 1f : 0f);
            }
            assertThat(box.contains(r.observations(), i * 716)).isTrue();
        }
    }

    @Test
    void infosCarryStateAndSofa() {
        VectorSession session = new VectorSession(factory.create(4, Map.of()), AutoresetMode.NEXT_STEP, 9L);
        session.reset(null, null, null, null);
        StepResult r = session.step(new long[] {0, 6, 12, 24});
        InfoBuffer infos = r.infos();
        for (int i = 0; i < 4; i++) {
            int state = (int) r.observations()[i];
            assertThat(infos.values(infos.column("state"))[i]).isEqualTo(state);
            assertThat(infos.values(infos.column("sofa"))[i]).isEqualTo(data.sofaScore(state));
            assertThat(r.terminated()[i]).isEqualTo(state == 713 || state == 714);
            assertThat(r.rewards()[i]).isEqualTo(state == 714 ? 1f : 0f);
        }
    }

    @Test
    void unknownOptionNamesAndValuesAreRejectedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> factory.create(1, Map.of("obs", "index")))
                .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.code()).isEqualTo(EnvException.Code.INVALID_ARGUMENT))
                .hasMessage("unknown option 'obs' for ICU-Sepsis-v2; accepted options: [observation]");
        assertThatThrownBy(() -> factory.create(1, Map.of("observation", "pixels")))
                .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.code()).isEqualTo(EnvException.Code.INVALID_ARGUMENT))
                .hasMessage("option observation='pixels' is not accepted by ICU-Sepsis-v2; accepted values: [index, onehot]");
    }

    @Test
    void monteCarloReturnsOfRandomAndExpertPoliciesMatchExactValues() {
        IcuSepsisMdp mdp = new IcuSepsisMdp(data);
        double[][] random = data.uniformPolicy();
        double[][] expert = data.expertPolicy();
        double randomMean = meanReturn(random, 11L);
        double expertMean = meanReturn(expert, 12L);
        assertThat(randomMean).isCloseTo(mdp.evaluate(random), within(0.01));
        assertThat(expertMean).isCloseTo(mdp.evaluate(expert), within(0.01));
    }

    /** Mean return of {@code policy} over {@value #EPISODES_PER_ENV} episodes of each of 256 envs. */
    private double meanReturn(double[][] policy, long seed) {
        double[][] cdf = new double[policy.length][];
        for (int s = 0; s < policy.length; s++) {
            cdf[s] = new double[policy[s].length];
            double sum = 0;
            for (int a = 0; a < policy[s].length; a++) {
                sum += policy[s][a];
                cdf[s][a] = sum;
            }
        }
        VectorSession session = new VectorSession(factory.create(NUM_ENVS, Map.of()), AutoresetMode.SAME_STEP, seed);
        float[] obs = session.reset(null, null, null, null).observations();
        Rng agent = new Rng(seed ^ 0xabcdefL);
        double[] episodeReturn = new double[NUM_ENVS];
        int[] episodes = new int[NUM_ENVS];
        double total = 0;
        int done = 0;
        long[] actions = new long[NUM_ENVS];
        while (done < NUM_ENVS * EPISODES_PER_ENV) {
            for (int i = 0; i < NUM_ENVS; i++) {
                actions[i] = agent.sampleCdf(cdf[(int) obs[i]], 0, 25);
            }
            StepResult r = session.step(actions);
            for (int i = 0; i < NUM_ENVS; i++) {
                episodeReturn[i] += r.rewards()[i];
                if (r.terminated()[i] || r.truncated()[i]) {
                    if (episodes[i]++ < EPISODES_PER_ENV) {
                        total += episodeReturn[i];
                        done++;
                    }
                    episodeReturn[i] = 0;
                }
            }
            obs = r.observations();
        }
        double mean = total / done;
        System.out.printf("ICU-Sepsis Monte-Carlo: %d episodes, mean return %.4f%n", done, mean);
        return mean;
    }
}
