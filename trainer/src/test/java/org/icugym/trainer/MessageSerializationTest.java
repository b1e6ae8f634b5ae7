package org.icugym.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.icugym.trainer.learner.Learner;
import org.icugym.trainer.ppo.TrajectoryBatch;
import org.icugym.trainer.rollout.RolloutWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every message between learner and workers goes through Jackson CBOR and comes back equal. */
class MessageSerializationTest {
    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.parseString(
            "pekko.actor.serialize-messages = on, pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T message) {
        Serialization s = SerializationExtension.get(KIT.system());
        var serializer = s.findSerializerFor(message);
        assertThat(serializer).isInstanceOf(JacksonCborSerializer.class);
        byte[] bytes = s.serialize(message).get();
        return (T) s.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message)).get();
    }

    @Test
    void trajectoriesKeepEveryArray() {
        TestProbe<RolloutWorker.Command> worker = KIT.createTestProbe();
        TrajectoryBatch b = new TrajectoryBatch(7, 2, 1, 2, new float[] {1, 2, 3, 4}, new int[] {0, 1},
                new float[] {-0.5f, -0.7f}, new float[] {0.1f, 0.2f}, new float[] {1, 0}, new boolean[] {false, true},
                new boolean[] {true, false}, new float[] {0.3f, 0}, new float[] {0.4f, 0.5f}, new float[] {12},
                new int[] {12});
        Learner.Trajectories back = roundTrip(new Learner.Trajectories(worker.getRef(), b));
        assertThat(back.worker()).isEqualTo(worker.getRef());
        TrajectoryBatch c = back.batch();
        assertThat(c).usingRecursiveComparison().isEqualTo(b);
    }

    @Test
    void controlMessages() {
        TestProbe<RolloutWorker.Command> worker = KIT.createTestProbe();
        assertThat(roundTrip(new Learner.Register(worker.getRef(), 4, 2))).isEqualTo(new Learner.Register(worker.getRef(), 4, 2));
        assertThat(roundTrip(new Learner.WorkerFailed(worker.getRef(), "x", true))).isEqualTo(new Learner.WorkerFailed(worker.getRef(), "x", true));
        RolloutWorker.PolicyUpdate u = roundTrip(new RolloutWorker.PolicyUpdate(3, new byte[] {1, 2, 3}));
        assertThat(u.version()).isEqualTo(3);
        assertThat(u.weights()).containsExactly(1, 2, 3);
        assertThat(roundTrip(RolloutWorker.Stop.INSTANCE)).isSameAs(RolloutWorker.Stop.INSTANCE);
    }
}
