package org.icugym.worldmodel.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.icugym.core.clinical.physiology.PhysiologySimulator;
import org.icugym.core.env.AutoresetMode;
import org.icugym.core.env.CandidateForecast;
import org.icugym.core.env.EnvException;
import org.icugym.core.env.Forecast;
import org.icugym.core.env.ResetResult;
import org.icugym.core.env.SimulationLimits;
import org.icugym.core.env.StepResult;
import org.icugym.core.env.VectorSession;
import org.icugym.core.envs.physiology.PhysiologyForecast;
import org.icugym.core.envs.physiology.PhysiologyObservation;
import org.icugym.core.random.Rng;
import org.icugym.core.space.BoxSpace;
import org.icugym.worldmodel.TinyModels;
import org.icugym.worldmodel.data.SimulatedCohortSource;
import org.icugym.worldmodel.inference.Prediction;
import org.icugym.worldmodel.inference.WorldModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sepsis-WorldModel-v1 on a tiny trained ensemble, in process (no server). */
class WorldModelEnvTest {
    private static final int N = 8;
    private static WorldModel model;
    private static WorldModelEnvironment environment;
    private static WorldModelEnvFactory factory;

    @BeforeAll
    static void open() {
        model = WorldModel.open(TinyModels.artifact(), "cpu");
        HeldOutStays heldOut = HeldOutStays.of(new SimulatedCohortSource(PhysiologySimulator.DEFAULT, 30, 99).loadObserved(),
                TinyModels.artifact().standardizer());
        environment = new WorldModelEnvironment(TinyModels.artifact(), heldOut, BatchPredictor.direct(model));
        factory = new WorldModelEnvFactory(environment);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static VectorSession session(Map<String, String> options, long seed) {
        return new VectorSession(factory.create(N, options), AutoresetMode.NEXT_STEP, seed);
    }

    private static long[] actions(Rng rng) {
        long[] a = new long[N];
        for (int i = 0; i < N; i++) {
            a[i] = rng.nextInt(25);
        }
        return a;
    }

    @Test
    void observationsStayInTheSharedSpaceAndInfosAreReported() {
        BoxSpace space = PhysiologyObservation.space();
        assertThat(factory.spec().observationSpace()).isEqualTo(space);
        VectorSession s = session(Map.of(), 1);
        ResetResult reset = s.reset(null, null, null, null);
        for (int i = 0; i < N; i++) {
            assertThat(space.contains(reset.observations(), i * space.flatDim())).isTrue();
        }
        Rng rng = new Rng(5);
        boolean sawEnd = false;
        for (int step = 0; step < 40; step++) {
            StepResult r = s.step(actions(rng));
            for (int i = 0; i < N; i++) {
                assertThat(space.contains(r.observations(), i * space.flatDim())).isTrue();
                assertThat(r.rewards()[i]).isBetween((float) factory.spec().rewardMin(), (float) factory.spec().rewardMax());
                sawEnd |= r.terminated()[i] || r.truncated()[i];
            }
            int sofa = r.infos().column(WorldModelEnvFactory.INFO_SOFA);
            assertThat(r.infos().anyPresent(sofa)).isTrue();
            assertThat(r.infos().anyPresent(r.infos().column("safety_cost"))).isTrue();
        }
        assertThat(sawEnd).as("episodes end within the 18-step window").isTrue();
    }

    @Test
    void sameSeedGivesTheSameEpisode() {
        VectorSession a = session(Map.of(), 42);
        VectorSession b = session(Map.of(), 42);
        assertThat(a.reset(null, null, null, null).observations()).isEqualTo(b.reset(null, null, null, null).observations());
        Rng ra = new Rng(3);
        Rng rb = new Rng(3);
        for (int step = 0; step < 25; step++) {
            StepResult x = a.step(actions(ra));
            StepResult y = b.step(actions(rb));
            assertThat(x.observations()).isEqualTo(y.observations());
            assertThat(x.rewards()).isEqualTo(y.rewards());
            assertThat(x.terminated()).isEqualTo(y.terminated());
        }
        VectorSession c = session(Map.of(), 43);
        assertThat(c.reset(null, null, null, null).observations()).isNotEqualTo(
                session(Map.of(), 42).reset(null, null, null, null).observations());
    }

    @Test
    void asyncPredictorCompletingLaterGivesTheSameSteps() {
        List<Runnable> pending = new ArrayList<>();
        BatchPredictor later = (inputs, members, rows) -> {
            CompletableFuture<Prediction> f = new CompletableFuture<>();
            pending.add(() -> f.complete(model.predict(members, inputs, rows)));
            return f;
        };
        WorldModelEnvFactory deferred = new WorldModelEnvFactory(
                new WorldModelEnvironment(TinyModels.artifact(), environment.heldOut(), later));
        VectorSession async = new VectorSession(deferred.create(N, Map.of()), AutoresetMode.NEXT_STEP, 9L);
        VectorSession sync = session(Map.of(), 9);
        assertThat(async.isAsync()).isTrue();
        async.reset(null, null, null, null);
        sync.reset(null, null, null, null);
        Rng rng = new Rng(1);
        for (int step = 0; step < 5; step++) {
            long[] a = actions(rng);
            CompletionStage<StepResult> stage = async.stepAsync(a);
            assertThat(stage.toCompletableFuture()).isNotDone();
            assertThat(pending).hasSize(1);
            pending.remove(0).run();
            assertThat(stage.toCompletableFuture().join().observations()).isEqualTo(sync.step(a).observations());
        }
    }

    @Test
    void replayFollowsTheClinicianUntilTheFirstDeviation() {
        WorldModelVectorEnv env = (WorldModelVectorEnv) factory.create(N, Map.of(WorldModelEnvFactory.OPTION_MODE, "replay"));
        VectorSession s = new VectorSession(env, AutoresetMode.DISABLED, 11L);
        StepResult first = null;
        s.reset(null, null, null, null);
        long[] a = new long[N];
        for (int i = 0; i < N; i++) {
            int clinician = env.clinicianAction(i);
            assertThat(clinician).isNotNegative();
            // env 0 deviates at once; the others follow the clinician
            a[i] = i == 0 ? (clinician + 1) % 25 : clinician;
        }
        first = s.step(a);
        int replaying = first.infos().column(WorldModelEnvFactory.INFO_REPLAYING);
        assertThat(first.infos().values(replaying)[0]).isZero();
        for (int i = 1; i < N; i++) {
            assertThat(first.infos().values(replaying)[i]).isEqualTo(1.0);
        }
        assertThat(env.clinicianAction(0)).isEqualTo(-1);
    }

    @Test
    void simulateLeavesTheSessionUntouchedAndReportsDisagreement() {
        VectorSession probed = session(Map.of(), 5);
        VectorSession plain = session(Map.of(), 5);
        probed.reset(null, null, null, null);
        plain.reset(null, null, null, null);
        long[][] plans = {{0, 0, 0}, {4, 4, 4}, {12, 12, 12}};
        Forecast f = probed.simulate(2, plans, 8, SimulationLimits.DEFAULT);
        assertThat(f.groundTruth()).isFalse();
        assertThat(f.featureNames()).isEqualTo(PhysiologyForecast.FEATURES);
        assertThat(f.candidates()).hasSize(3);
        for (CandidateForecast c : f.candidates()) {
            assertThat(c.featureMean()).hasSize(3 * f.featureNames().size());
            assertThat(c.flagRate()).hasSize(3 * f.flagNames().size());
            assertThat(c.epistemicUncertainty()).isPositive();
            for (float risk : c.mortalityRisk()) {
                assertThat(risk).isBetween(0f, 1f);
            }
        }
        Rng ra = new Rng(2);
        Rng rb = new Rng(2);
        for (int step = 0; step < 6; step++) {
            assertThat(probed.step(actions(ra)).observations()).isEqualTo(plain.step(actions(rb)).observations());
        }
        VectorSession again = session(Map.of(), 5);
        again.reset(null, null, null, null);
        assertThat(again.simulate(2, plans, 8, SimulationLimits.DEFAULT).candidates().get(1).featureMean())
                .isEqualTo(f.candidates().get(1).featureMean());
    }

    @Test
    void badOptionsAreInvalidArgument() {
        assertThatThrownBy(() -> factory.create(1, Map.of("mode", "dream")))
                .isInstanceOf(EnvException.class).hasMessageContaining("[model, replay]");
        assertThatThrownBy(() -> factory.create(1, Map.of("color", "red")))
                .isInstanceOf(EnvException.class).hasMessageContaining("accepted options");
    }
}
