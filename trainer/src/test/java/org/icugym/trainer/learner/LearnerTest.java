package org.icugym.trainer.learner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.icugym.trainer.ppo.PpoSettings;
import org.icugym.trainer.ppo.TrajectoryBatch;
import org.icugym.trainer.rollout.RolloutWorker;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.icugym.trainer.run.MetricsLog;
import org.icugym.trainer.run.TimeBreakdown;
import org.icugym.trainer.run.TrainResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The learner's protocol with a probe as rollout worker: versions, staleness, broadcast and the end of a run. */
class LearnerTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    /** The learner builds its DJL network first; on a busy 2-core machine that can take seconds. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static TrajectoryBatch batch(long version) {
        int n = 8;
        boolean[] none = new boolean[n];
        return new TrajectoryBatch(version, 2, 4, 3, new float[n * 3], new int[n], new float[n], new float[n], new float[n],
                none, none, new float[n], new float[2], new float[] {4f}, new int[] {4});
    }

    @Test
    void updatesBroadcastsRejectsStaleBatchesAndEnds() throws Exception {
        PpoSettings s = PpoSettings.defaults("CartPole-v1", "127.0.0.1", 1, 512, 5).with(2, 4, 1e-3, null).withTotalSteps(16);
        CompletableFuture<TrainResult> result = new CompletableFuture<>();
        ActorRef<Learner.Command> learner = KIT.spawn(Learner.create(s, new MetricsLog(null, 16), result));
        TestProbe<RolloutWorker.Command> a = KIT.createTestProbe();
        TestProbe<RolloutWorker.Command> b = KIT.createTestProbe();
        learner.tell(new Learner.Register(a.getRef(), 3, 2));
        learner.tell(new Learner.Register(b.getRef(), 3, 2));
        assertThat(a.expectMessageClass(RolloutWorker.PolicyUpdate.class, PATIENCE).version()).isZero();
        assertThat(b.expectMessageClass(RolloutWorker.PolicyUpdate.class, PATIENCE).version()).isZero();

        learner.tell(new Learner.Trajectories(a.getRef(), batch(0)));
        assertThat(a.expectMessageClass(RolloutWorker.PolicyUpdate.class, PATIENCE).version()).isEqualTo(1);
        assertThat(b.expectMessageClass(RolloutWorker.PolicyUpdate.class, PATIENCE).version()).isEqualTo(1);

        // b's batch was made with version 0, one behind: beyond maxStaleness = 0, so b alone gets version 1 again
        learner.tell(new Learner.Trajectories(b.getRef(), batch(0)));
        assertThat(b.expectMessageClass(RolloutWorker.PolicyUpdate.class, PATIENCE).version()).isEqualTo(1);
        a.expectNoMessage();

        learner.tell(new Learner.Trajectories(b.getRef(), batch(1)));
        TrainResult r = result.get(30, TimeUnit.SECONDS);
        assertThat(r.updates()).isEqualTo(2);
        assertThat(r.globalSteps()).isEqualTo(16);
        assertThat(r.rejected()).isEqualTo(1);
        assertThat(r.episodes()).hasSize(2);
        a.expectMessage(PATIENCE, RolloutWorker.Stop.INSTANCE);
        b.expectMessage(PATIENCE, RolloutWorker.Stop.INSTANCE);
    }

    @Test
    void aWorkerOfAnotherShapeFailsTheRun() throws Exception {
        PpoSettings s = PpoSettings.defaults("CartPole-v1", "127.0.0.1", 1, 512, 5).with(2, 4, 1e-3, null).withTotalSteps(16);
        CompletableFuture<TrainResult> result = new CompletableFuture<>();
        ActorRef<Learner.Command> learner = KIT.spawn(Learner.create(s, new MetricsLog(null, 16), result));
        TestProbe<RolloutWorker.Command> a = KIT.createTestProbe();
        learner.tell(new Learner.Register(a.getRef(), 3, 2));
        learner.tell(new Learner.Register(a.getRef(), 4, 2));
        assertThat(result).failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
                .withMessageContaining("all workers must run the same environment");
    }

    private static PpoSettings small() {
        return PpoSettings.defaults("CartPole-v1", "127.0.0.1", 1, 512, 5).with(2, 4, 1e-3, null).withTotalSteps(64);
    }

    @Test
    void aToleratingLearnerDropsAWorkerWhoseConnectionFailedAndFailsOnARefusal() throws Exception {
        CompletableFuture<TrainResult> result = new CompletableFuture<>();
        ActorRef<Learner.Command> learner = KIT.spawn(Learner.create(small(), new MetricsLog(null, 64), result, null,
                new TimeBreakdown(), Learner.WorkerLoss.TOLERATED));
        TestProbe<RolloutWorker.Command> a = KIT.createTestProbe();
        TestProbe<RolloutWorker.Command> b = KIT.createTestProbe();
        learner.tell(new Learner.Register(a.getRef(), 3, 2));
        learner.tell(new Learner.Register(b.getRef(), 3, 2));
        a.expectMessageClass(RolloutWorker.PolicyUpdate.class, PATIENCE);
        b.expectMessageClass(RolloutWorker.PolicyUpdate.class, PATIENCE);

        learner.tell(new Learner.WorkerFailed(b.getRef(), "rollout-1: the environment server went away", true));
        learner.tell(new Learner.Trajectories(a.getRef(), batch(0)));
        assertThat(a.expectMessageClass(RolloutWorker.PolicyUpdate.class, PATIENCE).version()).isEqualTo(1);
        b.expectNoMessage();
        assertThat(result).isNotDone();

        // the restarted worker registers again and gets the current weights
        learner.tell(new Learner.Register(b.getRef(), 3, 2));
        assertThat(b.expectMessageClass(RolloutWorker.PolicyUpdate.class, PATIENCE).version()).isEqualTo(1);

        learner.tell(new Learner.WorkerFailed(b.getRef(), "rollout-1: unknown environment", false));
        assertThat(result).failsWithin(30, TimeUnit.SECONDS).withThrowableThat().withMessageContaining("unknown environment");
    }

    @Test
    void aBatchFromAVersionAheadOfTheLearnerIsRejected() throws Exception {
        CompletableFuture<TrainResult> result = new CompletableFuture<>();
        ActorRef<Learner.Command> learner = KIT.spawn(Learner.create(small().withMaxStaleness(1), new MetricsLog(null, 64),
                result));
        TestProbe<RolloutWorker.Command> a = KIT.createTestProbe();
        // a batch for a learner that died reaches this one before any worker registered
        learner.tell(new Learner.Trajectories(a.getRef(), batch(9)));
        a.expectMessage(PATIENCE, RolloutWorker.RegisterAgain.INSTANCE);
        learner.tell(new Learner.Register(a.getRef(), 3, 2));
        a.expectMessageClass(RolloutWorker.PolicyUpdate.class, PATIENCE);
        // made with version 7 of a learner that died after its last checkpoint
        learner.tell(new Learner.Trajectories(a.getRef(), batch(7)));
        assertThat(a.expectMessageClass(RolloutWorker.PolicyUpdate.class, PATIENCE).version()).isZero();
        TestProbe<Learner.Progress> asker = KIT.createTestProbe();
        learner.tell(new Learner.GetProgress(asker.getRef()));
        Learner.Progress p = asker.receiveMessage(PATIENCE);
        assertThat(p.updates()).isZero();
        assertThat(p.version()).isZero();
    }

    @Test
    void followsTheWorkersListedInTheReceptionist() throws Exception {
        CompletableFuture<TrainResult> result = new CompletableFuture<>();
        ActorRef<Learner.Command> learner = KIT.spawn(Learner.create(small(), new MetricsLog(null, 64), result, null,
                new TimeBreakdown(), Learner.WorkerLoss.TOLERATED));
        TestProbe<RolloutWorker.Command> a = KIT.createTestProbe();
        TestProbe<RolloutWorker.Command> waiting = KIT.createTestProbe();
        // a worker listed before the learner has a network is asked to register
        KIT.system().receptionist().tell(Receptionist.register(RolloutWorker.SERVICE_KEY, waiting.getRef()));
        waiting.expectMessage(PATIENCE, RolloutWorker.RegisterAgain.INSTANCE);
        learner.tell(new Learner.Register(a.getRef(), 3, 2));
        a.expectMessageClass(RolloutWorker.PolicyUpdate.class, PATIENCE);

        // a worker that joins later gets the current weights without registering
        TestProbe<RolloutWorker.Command> late = KIT.createTestProbe();
        KIT.system().receptionist().tell(Receptionist.register(RolloutWorker.SERVICE_KEY, late.getRef()));
        assertThat(late.expectMessageClass(RolloutWorker.PolicyUpdate.class, PATIENCE).version()).isZero();

        // a worker that leaves the listing gets no more weights
        KIT.system().receptionist().tell(Receptionist.deregister(RolloutWorker.SERVICE_KEY, late.getRef()));
        TestProbe<Learner.Progress> asker = KIT.createTestProbe();
        asker.awaitAssert(PATIENCE, () -> {
            learner.tell(new Learner.GetProgress(asker.getRef()));
            assertThat(asker.receiveMessage(PATIENCE).workers()).as("a and the waiting worker").isEqualTo(2);
            return null;
        });
        learner.tell(new Learner.Trajectories(a.getRef(), batch(0)));
        assertThat(a.expectMessageClass(RolloutWorker.PolicyUpdate.class, PATIENCE).version()).isEqualTo(1);
        late.expectNoMessage();
    }
}
