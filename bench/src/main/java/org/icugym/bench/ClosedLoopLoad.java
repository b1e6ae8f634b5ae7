package org.icugym.bench;

import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.icugym.proto.v1.SessionRequest;
import org.icugym.proto.v1.SessionResponse;
import org.icugym.proto.v1.StepRequest;
import org.icugym.proto.v1.StepResponse;

/**
 * Closed-loop load: each of {@code clients} callers keeps exactly one step in flight (unary call
 * or lockstep stream) and sends the next as soon as the answer arrives. Counts answered steps in
 * a measurement window after a warm-up; any error aborts the run.
 */
final class ClosedLoopLoad {
    private final LongAdder steps = new LongAdder();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong errors = new AtomicLong();
    private volatile Throwable firstError;

    /** Result of one run: answered step requests per second and environment steps per second. */
    record Rate(double requestsPerSecond, double envStepsPerSecond) {}

    static Rate unary(List<ManagedChannel> channels, String service, List<String> sessions, int numEnvs,
            double warmupSeconds, double seconds) throws InterruptedException {
        ClosedLoopLoad load = new ClosedLoopLoad();
        MethodDescriptor<StepRequest, StepResponse> step = RawGrpc.step(service);
        for (int c = 0; c < sessions.size(); c++) {
            ManagedChannel ch = channels.get(c % channels.size());
            StepRequest[] reqs = {RawGrpc.stepRequest(sessions.get(c), numEnvs, 0),
                RawGrpc.stepRequest(sessions.get(c), numEnvs, 1)};
            load.unaryLoop(ch, step, reqs, 0);
        }
        return load.measure(warmupSeconds, seconds, numEnvs);
    }

    static Rate stream(List<ManagedChannel> channels, String service, List<String> sessions, int numEnvs,
            double warmupSeconds, double seconds) throws InterruptedException {
        ClosedLoopLoad load = new ClosedLoopLoad();
        List<StreamObserver<SessionRequest>> outs = new ArrayList<>();
        CountDownLatch closed = new CountDownLatch(sessions.size());
        for (int c = 0; c < sessions.size(); c++) {
            outs.add(load.startStream(channels.get(c % channels.size()), service, sessions.get(c), numEnvs, closed));
        }
        Rate r = load.measure(warmupSeconds, seconds, numEnvs);
        closed.await(10, TimeUnit.SECONDS);
        return r;
    }

    private void unaryLoop(ManagedChannel ch, MethodDescriptor<StepRequest, StepResponse> m, StepRequest[] reqs, int k) {
        ClientCalls.asyncUnaryCall(RawGrpc.call(ch, m), reqs[k & 1], new StreamObserver<>() {
            @Override
            public void onNext(StepResponse value) {
                steps.increment();
            }

            @Override
            public void onError(Throwable t) {
                fail(t);
            }

            @Override
            public void onCompleted() {
                if (running.get()) {
                    unaryLoop(ch, m, reqs, k + 1);
                }
            }
        });
    }

    private StreamObserver<SessionRequest> startStream(ManagedChannel ch, String service, String session, int numEnvs,
            CountDownLatch closed) {
        SessionRequest[] reqs = {
            SessionRequest.newBuilder().setStep(RawGrpc.stepRequest(session, numEnvs, 0)).build(),
            SessionRequest.newBuilder().setStep(RawGrpc.stepRequest(session, numEnvs, 1)).build()};
        @SuppressWarnings("unchecked")
        StreamObserver<SessionRequest>[] out = new StreamObserver[1];
        AtomicLong sent = new AtomicLong();
        out[0] = ClientCalls.asyncBidiStreamingCall(RawGrpc.call(ch, RawGrpc.session(service)), new StreamObserver<>() {
            @Override
            public void onNext(SessionResponse value) {
                if (value.hasError()) {
                    fail(new IllegalStateException("in-band error: " + value.getError().getMessage()));
                    return;
                }
                steps.increment();
                synchronized (out) {
                    if (running.get()) {
                        out[0].onNext(reqs[(int) (sent.incrementAndGet() & 1)]);
                    } else {
                        out[0].onCompleted();
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                fail(t);
                closed.countDown();
            }

            @Override
            public void onCompleted() {
                closed.countDown();
            }
        });
        synchronized (out) {
            out[0].onNext(reqs[0]);
        }
        return out[0];
    }

    private void fail(Throwable t) {
        if (errors.incrementAndGet() == 1) {
            firstError = t;
        }
        running.set(false);
    }

    private Rate measure(double warmupSeconds, double seconds, int numEnvs) throws InterruptedException {
        Thread.sleep((long) (warmupSeconds * 1000));
        long start = System.nanoTime();
        long before = steps.sum();
        Thread.sleep((long) (seconds * 1000));
        long after = steps.sum();
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        Thread.sleep(200);
        if (firstError != null) {
            throw new IllegalStateException("load run failed: " + firstError, firstError);
        }
        double rps = (after - before) / elapsed;
        return new Rate(rps, rps * numEnvs);
    }
}
