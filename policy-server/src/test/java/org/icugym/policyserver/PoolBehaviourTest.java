package org.icugym.policyserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icugym.policyserver.PolicyServerTest.codeOf;
import static org.icugym.policyserver.PolicyServerTest.get;
import static org.icugym.policyserver.PolicyServerTest.row;
import static org.icugym.policyserver.TestPolicyServer.act;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.icugym.agent.Policies;
import org.icugym.agent.Policy;
import org.icugym.agent.PolicyOutput;
import org.icugym.core.random.Rng;
import org.icugym.policyserver.pool.PolicyOpener;
import org.icugym.proto.v1.ActResponse;
import org.icugym.proto.v1.LoadModelRequest;
import org.junit.jupiter.api.Test;

/** The worker pool through the real server: queue limits, worker crashes and hot swaps under load. */
class PoolBehaviourTest {

    /** Opens real policies, wrapped so a test can hold a forward pass or make one throw. */
    static final class ControlledOpener implements PolicyOpener {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean gate;

        @Override
        public Policy open(org.icugym.agent.PolicyWeights weights, String device) {
            Policy real = Policies.open(weights, device);
            return new Policy() {
                @Override
                public String kind() {
                    return real.kind();
                }

                @Override
                public int observationSize() {
                    return real.observationSize();
                }

                @Override
                public int numActions() {
                    return real.numActions();
                }

                @Override
                public PolicyOutput act(float[] obs, int rows, boolean[] det, Rng rng) {
                    if (obs[0] == 666f) {
                        throw new IllegalStateException("replica fault injected by the test");
                    }
                    if (gate && obs[0] == 555f) {
                        entered.countDown();
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return real.act(obs, rows, det, rng);
                }

                @Override
                public void close() {
                    real.close();
                }
            };
        }
    }

    @Test
    void aFullQueueAnswersResourceExhausted() throws Exception {
        ControlledOpener opener = new ControlledOpener();
        try (TestPolicyServer s = TestPolicyServer.start(
                "icugym.policy-server { max-batch-size = 1, max-delay = 0, max-queue = 1 }", opener)) {
            opener.gate = true;
            CompletableFuture<ActResponse> held = s.client.act(act("ppo", new float[] {555f, 0, 0, 0})).toCompletableFuture();
            assertThat(opener.entered.await(60, TimeUnit.SECONDS)).isTrue();
            var second = s.client.act(act("ppo", row(1))).toCompletableFuture();
            var third = s.client.act(act("ppo", row(2))).toCompletableFuture();
            CompletableFuture.anyOf(second, third).handle((v, e) -> null).get(60, TimeUnit.SECONDS);
            Status.Code failed = second.isDone() ? codeOf(second) : codeOf(third);
            assertThat(failed).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            opener.release.countDown();
            assertThat(get(held).getModelVersion()).isEqualTo(1);
            assertThat(List.of(codeOf(second), codeOf(third))).containsExactlyInAnyOrder(Status.Code.OK,
                    Status.Code.RESOURCE_EXHAUSTED);
        }
    }

    @Test
    void aCrashedWorkerFailsItsRequestsUnavailableAndRestarts() throws Exception {
        try (TestPolicyServer s = TestPolicyServer.start("icugym.policy-server { max-batch-size = 1, max-delay = 0 }",
                new ControlledOpener())) {
            assertThat(codeOf(s.client.act(act("ppo", new float[] {666f, 0, 0, 0})))).isEqualTo(Status.Code.UNAVAILABLE);
            for (int i = 0; i < 3; i++) {
                assertThat(get(s.client.act(act("ppo", row(i)))).getModelVersion()).isEqualTo(1);
            }
        }
    }

    @Test
    void hotSwapsUnderLoadDropNothingAndVersionsNeverGoBack() throws Exception {
        try (TestPolicyServer s = TestPolicyServer.start(
                "icugym.policy-server { max-batch-size = 16, max-delay = 1 ms, workers-per-device = 2 }")) {
            int callers = 8;
            int swaps = 12;
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<List<Long>> versions = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                List<Long> seen = new ArrayList<>();
                versions.add(seen);
                int caller = c;
                Thread t = new Thread(() -> {
                    int k = 0;
                    boolean last = false;
                    while (!last) {
                        // one more request after the last swap: it must see the last version
                        last = !running.get() && k >= 3;
                        try {
                            seen.add(get(s.client.act(act("ppo", row(caller * 1000 + k++)))).getModelVersion());
                        } catch (Exception e) {
                            failures.add(e);
                            return;
                        }
                    }
                }, "caller-" + c);
                threads.add(t);
                t.start();
            }
            for (int i = 0; i < swaps; i++) {
                var loaded = get(s.client.loadModel(LoadModelRequest.newBuilder().setModelId("ppo")
                        .setWeights(ByteString.copyFrom(TestPolicyServer.ppo(100 + i).toBytes())).build()));
                assertThat(loaded.getModel().getVersion()).isEqualTo(i + 2);
                get(s.client.act(act("ppo", row(i))));
            }
            running.set(false);
            for (Thread t : threads) {
                t.join(60_000);
            }
            assertThat(failures).isEmpty();
            long total = 0;
            for (List<Long> seen : versions) {
                total += seen.size();
                for (int i = 1; i < seen.size(); i++) {
                    assertThat(seen.get(i)).isGreaterThanOrEqualTo(seen.get(i - 1));
                }
                assertThat(seen.get(seen.size() - 1)).isEqualTo(swaps + 1L);
            }
            assertThat(versions.stream().flatMap(List::stream).distinct().count()).isGreaterThan(2);
            assertThat(total).isGreaterThan(callers * 3L);
        }
    }
}
