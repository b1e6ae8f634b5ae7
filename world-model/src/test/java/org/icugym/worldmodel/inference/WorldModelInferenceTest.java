package org.icugym.worldmodel.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.icugym.core.random.Rng;
import org.icugym.worldmodel.TinyModels;
import org.icugym.worldmodel.artifact.Rows;
import org.icugym.worldmodel.artifact.WorldModelException;
import org.icugym.worldmodel.model.OutputLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorldModelInferenceTest {
    private static final int N = 40;
    private static WorldModel model;
    private static float[] rows;
    private static int width;

    @BeforeAll
    static void open() {
        model = WorldModel.open(TinyModels.artifact(), "cpu");
        width = model.encoding().inputSize();
        rows = Rows.first(TinyModels.data(), model.encoding(), N);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void forwardHasOneOutputRowPerInputRow() {
        float[] raw = model.forwardRaw(0, rows, N);
        assertThat(raw).hasSize(N * new OutputLayout(39).size());
        Prediction p = model.predict(0, rows, N);
        assertThat(p.rows()).isEqualTo(N);
        assertThat(p.mean()).hasSize(N * 39);
        assertThat(p.std()).hasSize(N * 39);
        for (float s : p.std()) {
            assertThat(s).isPositive();
        }
        assertThat(p.death()).hasSize(N);
        for (float v : p.death()) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(model.predictAll(rows, N)).hasSize(TinyModels.TINY.ensembleSize());
    }

    @Test
    void aRowsOutputsAreBitIdenticalWhateverBatchItTravelsIn() {
        float[] alone = model.forwardRaw(2, Arrays.copyOfRange(rows, 5 * width, 6 * width), 1);
        int out = alone.length;
        for (int n : new int[] {2, 3, 6, 9, 17, N}) {
            float[] batch = model.forwardRaw(2, rows, n);
            float[] first = model.forwardRaw(2, Arrays.copyOf(rows, width), 1);
            assertThat(Arrays.copyOf(batch, out)).as("row 0 in a batch of %d", n).containsExactly(first);
            if (n > 5) {
                assertThat(Arrays.copyOfRange(batch, 5 * out, 6 * out)).as("row 5 in a batch of %d", n)
                        .containsExactly(alone);
            }
        }
    }

    @Test
    void batchedPredictEqualsSinglePredicts() {
        Prediction batched = model.predict(1, rows, N);
        for (int r = 0; r < N; r++) {
            Prediction single = model.predict(1, Arrays.copyOfRange(rows, r * width, (r + 1) * width), 1);
            for (int k = 0; k < 39; k++) {
                assertThat(single.mean(0, k)).isCloseTo(batched.mean(r, k), within(1e-5f));
                assertThat(single.std(0, k)).isCloseTo(batched.std(r, k), within(1e-5f));
            }
            assertThat(single.end()[0]).isCloseTo(batched.end()[r], within(1e-6f));
            assertThat(single.death()[0]).isCloseTo(batched.death()[r], within(1e-6f));
        }
    }

    @Test
    void perRowMembersMatchEachMembersOwnPrediction() {
        int[] members = new EnsembleSampler(model.members(), new Rng(3)).nextMembers(N);
        Prediction mixed = model.predict(members, rows, N);
        List<Prediction> all = model.predictAll(rows, N);
        for (int r = 0; r < N; r++) {
            Prediction own = all.get(members[r]);
            for (int k = 0; k < 39; k++) {
                assertThat(mixed.mean(r, k)).isCloseTo(own.mean(r, k), within(1e-5f));
            }
            assertThat(mixed.ventilation()[r]).isCloseTo(own.ventilation()[r], within(1e-6f));
        }
    }

    @Test
    void samplerPicksMembersBySeed() {
        int[] a = new EnsembleSampler(5, new Rng(42)).nextMembers(500);
        int[] b = new EnsembleSampler(5, new Rng(42)).nextMembers(500);
        int[] c = new EnsembleSampler(5, new Rng(43)).nextMembers(500);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        int[] counts = new int[5];
        for (int m : a) {
            counts[m]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(60, 140);
        }
    }

    @Test
    void sampledStepsAreSeededAndNearTheMean() {
        Prediction p = model.predict(0, rows, N);
        EnsembleSampler.SampledStep s1 = new EnsembleSampler(3, new Rng(9)).sample(p, 2);
        EnsembleSampler.SampledStep s2 = new EnsembleSampler(3, new Rng(9)).sample(p, 2);
        assertThat(s1.features()).containsExactly(s2.features());
        assertThat(s1.ended()).isEqualTo(s2.ended());
        for (int k = 0; k < 39; k++) {
            assertThat(Math.abs(s1.features()[k] - p.mean(2, k))).isLessThan(6 * p.std(2, k));
        }
    }

    @Test
    void malformedRequestsGetTypedErrors() {
        assertThatThrownBy(() -> model.predict(0, new float[width - 1], 1))
                .isInstanceOfSatisfying(WorldModelException.class,
                        e -> assertThat(e.code()).isEqualTo(WorldModelException.Code.INVALID_INPUT));
        assertThatThrownBy(() -> model.predict(7, rows, 1))
                .isInstanceOfSatisfying(WorldModelException.class,
                        e -> assertThat(e.code()).isEqualTo(WorldModelException.Code.INVALID_INPUT))
                .hasMessageContaining("member 7");
    }
}
