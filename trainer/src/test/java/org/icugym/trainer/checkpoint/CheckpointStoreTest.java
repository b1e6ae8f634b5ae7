package org.icugym.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.icugym.trainer.ppo.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints round-trip, the newest complete one is found, old ones are pruned, damage is reported. */
class CheckpointStoreTest {
    private static Checkpoint checkpoint(long update) {
        Adam.State adam = new Adam.State(update * 4, new float[][] {{1f, 2f}, {3f}}, new float[][] {{0.5f, 0.25f}, {9f}});
        return new Checkpoint(update, update * 512, update, 1, 1234 + update, 12.5, new byte[] {1, 2, 3, (byte) update},
                adam, Map.of("seed", 7, "env_id", "CartPole-v1"));
    }

    @Test
    void savedCheckpointLoadsBackEqual(@TempDir Path run) {
        Path dir = CheckpointStore.save(run, checkpoint(20));
        assertThat(dir).isEqualTo(run.resolve("checkpoints/update-00000020"));
        Checkpoint c = CheckpointStore.load(dir);
        assertThat(c.update()).isEqualTo(20);
        assertThat(c.globalStep()).isEqualTo(10_240);
        assertThat(c.policyVersion()).isEqualTo(20);
        assertThat(c.rejected()).isEqualTo(1);
        assertThat(c.metricsBytes()).isEqualTo(1254);
        assertThat(c.elapsedSeconds()).isEqualTo(12.5);
        assertThat(c.weights()).containsExactly(1, 2, 3, 20);
        assertThat(c.optimizer().step()).isEqualTo(80);
        assertThat(c.optimizer().firstMoments()).isDeepEqualTo(new float[][] {{1f, 2f}, {3f}});
        assertThat(c.optimizer().secondMoments()).isDeepEqualTo(new float[][] {{0.5f, 0.25f}, {9f}});
        assertThat(c.hyperparameters()).containsEntry("seed", 7).containsEntry("env_id", "CartPole-v1");
    }

    @Test
    void latestIsTheNewestCompleteCheckpointAndOldOnesArePruned(@TempDir Path run) throws Exception {
        assertThat(CheckpointStore.latest(run)).isEmpty();
        for (long u = 10; u <= 50; u += 10) {
            CheckpointStore.save(run, checkpoint(u), 2);
        }
        Files.createDirectories(run.resolve("checkpoints/.tmp-update-00000060-99")); // a crash mid-write
        Files.createDirectories(run.resolve("checkpoints/update-00000070")); // no state.json
        assertThat(CheckpointStore.list(run)).extracting(p -> p.getFileName().toString())
                .containsExactly("update-00000040", "update-00000050");
        assertThat(CheckpointStore.loadLatest(run)).get().extracting(Checkpoint::update).isEqualTo(50L);
    }

    @Test
    void missingOrDamagedFilesAreNamed(@TempDir Path run) throws Exception {
        Path dir = CheckpointStore.save(run, checkpoint(5));
        Files.write(dir.resolve("optimizer.bin"), new byte[] {0, 0, 0});
        assertThatThrownBy(() -> CheckpointStore.load(dir)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("optimizer.bin").hasMessageContaining("another checkpoint");
        Files.delete(dir.resolve("weights.params"));
        assertThatThrownBy(() -> CheckpointStore.load(dir)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("weights.params");
        Files.writeString(dir.resolve("state.json"), "{\"format\": 99}");
        assertThatThrownBy(() -> CheckpointStore.load(dir)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("format 99");
    }
}
