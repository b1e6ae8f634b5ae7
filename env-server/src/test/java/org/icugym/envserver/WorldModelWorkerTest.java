package org.icugym.envserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.icugym.core.random.Rng;
import org.icugym.envserver.testing.TinyWorldModel;
import org.icugym.envserver.worldmodel.WorldModelWorker;
import org.icugym.worldmodel.artifact.WorldModelArtifact;
import org.icugym.worldmodel.inference.Prediction;
import org.icugym.worldmodel.inference.WorldModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The inference worker merges requests into one forward pass: at max batch, or at the deadline (manual time). */
class WorldModelWorkerTest {
    private static final ActorTestKit KIT = ActorTestKit.create(ManualTime.config());
    private static final ManualTime TIME = ManualTime.get(KIT.system());
    private static WorldModelArtifact artifact;
    private static WorldModel reference;
    private static int width;

    @BeforeAll
    static void load() {
        artifact = WorldModelArtifact.load(TinyWorldModel.directory().resolve("world-model.zip"));
        reference = WorldModel.open(artifact, "cpu");
        width = reference.encoding().inputSize();
    }

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
        reference.close();
    }

    private static float[] rows(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian() * 0.5f;
        }
        return x;
    }

    private static int[] members(int n) {
        int[] m = new int[n];
        for (int i = 0; i < n; i++) {
            m[i] = i % 3;
        }
        return m;
    }

    @Test
    void flushesOnceTheBatchIsFullAndAnswersEachRequestWithItsRows() {
        ActorRef<WorldModelWorker.Command> worker = KIT.spawn(WorldModelWorker.create(artifact, "cpu", 7, Duration.ofHours(1)));
        TestProbe<StatusReply<Prediction>> a = KIT.createTestProbe();
        TestProbe<StatusReply<Prediction>> b = KIT.createTestProbe();
        float[] xa = rows(3, 1);
        float[] xb = rows(4, 2);
        worker.tell(new WorldModelWorker.Predict(xa, members(3), 3, a.ref()));
        a.expectNoMessage(Duration.ofMillis(100));
        worker.tell(new WorldModelWorker.Predict(xb, members(4), 4, b.ref()));
        Prediction pa = a.receiveMessage(Duration.ofSeconds(30)).getValue();
        Prediction pb = b.receiveMessage(Duration.ofSeconds(30)).getValue();
        assertThat(pa.rows()).isEqualTo(3);
        assertThat(pb.rows()).isEqualTo(4);
        // bit-identical to predicting each request alone: batching never changes an episode
        assertThat(pa.mean()).containsExactly(reference.predict(members(3), xa, 3).mean());
        assertThat(pb.death()).containsExactly(reference.predict(members(4), xb, 4).death());
        KIT.stop(worker);
    }

    @Test
    void flushesAPartialBatchAtTheDeadline() {
        ActorRef<WorldModelWorker.Command> worker = KIT.spawn(WorldModelWorker.create(artifact, "cpu", 4, Duration.ofMillis(5)));
        TestProbe<StatusReply<Prediction>> a = KIT.createTestProbe();
        // a full batch first: the worker has opened its model and answers
        worker.tell(new WorldModelWorker.Predict(rows(4, 3), members(4), 4, a.ref()));
        assertThat(a.receiveMessage(Duration.ofSeconds(30)).getValue().rows()).isEqualTo(4);
        worker.tell(new WorldModelWorker.Predict(rows(2, 3), members(2), 2, a.ref()));
        a.expectNoMessage(Duration.ofMillis(100));
        TIME.timePasses(Duration.ofMillis(5));
        assertThat(a.receiveMessage(Duration.ofSeconds(30)).getValue().rows()).isEqualTo(2);
        KIT.stop(worker);
    }
}
