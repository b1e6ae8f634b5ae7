package org.icugym.grpc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests in flight and refuses new ones once closed, so a graceful shutdown can let
 * every accepted request finish while new ones answer UNAVAILABLE. Thread-safe.
 */
public final class RequestGate {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object drained = new Object();

    /** Admits a request (true) or refuses it because the gate is closed (false). */
    public boolean enter() {
        inFlight.incrementAndGet();
        if (closed.get()) {
            exit();
            return false;
        }
        return true;
    }

    /** Marks an admitted request finished. */
    public void exit() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    /** Whether new requests are refused. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Number of admitted requests not yet finished. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Refuses new requests from now on and waits until the admitted ones finished or
     * {@code grace} passed; returns whether everything finished.
     */
    public boolean closeAndDrain(Duration grace) throws InterruptedException {
        closed.set(true);
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (drained) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                drained.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
