package dev.bulwark.impl.bulkhead;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The synchronous bulkhead: at most {@code limit} calls at once, a call beyond that is rejected at once.
 * One atomic counter; no queue, no lock, no allocation.
 */
public final class SemaphoreBulkhead {

    private final int limit;
    private final AtomicInteger running = new AtomicInteger();

    public SemaphoreBulkhead(BulkheadSpec spec) {
        this.limit = spec.limit();
    }

    /** Takes a place if one is free. Every true must be matched by exactly one {@link #release()}. */
    public boolean tryAcquire() {
        while (true) {
            int current = running.get();
            if (current >= limit) {
                return false;
            }
            if (running.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public void release() {
        running.decrementAndGet();
    }

    /** Calls holding a place now. */
    public int running() {
        return running.get();
    }

    public int limit() {
        return limit;
    }
}
