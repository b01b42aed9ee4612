package dev.bulwark.impl.circuitbreaker;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The spec's rolling window: the last {@code size} outcomes, tripping when the window is full and the share
 * of failures in it reaches the ratio.
 *
 * <p>Lock-free: each outcome claims the next slot with one increment, swaps its bit into the slot, and
 * corrects the failure count by the difference between the new and the evicted outcome. The count is
 * therefore always the sum of the slots once the writers are done, whatever their interleaving. A slot
 * whose value does not change is not written, and a success into a full window without failures is not
 * recorded at all, so a healthy breaker costs two reads per call.
 */
final class CountWindow implements FailureWindow {

    private final int size;
    private final int failuresToTrip;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLongArray slots; // one bit per outcome, 64 per word
    private final AtomicInteger failures = new AtomicInteger();

    CountWindow(int size, double failureRatio) {
        this.size = size;
        // The smallest failure count whose ratio reaches failureRatio; a ratio of 0 trips on a full window.
        int n = (int) Math.ceil(failureRatio * size - 1e-9);
        this.failuresToTrip = Math.max(n, 0);
        this.slots = new AtomicLongArray((size + 63) >>> 6);
    }

    @Override
    public boolean record(boolean failure) {
        // A success entering a full window that holds no failure evicts a success: the window reads the same
        // before and after, and a success then cannot trip it. Skipping the write is the same as ordering this
        // call before any failure racing with it, and it lets a healthy breaker shared by many threads run
        // without writing one shared word (the claim below is the line two threads would fight over).
        if (!failure && failuresToTrip > 0 && failures.get() == 0 && recorded.get() >= size) {
            return false;
        }
        long index = recorded.getAndIncrement();
        int slot = (int) (index % size);
        int word = slot >>> 6;
        long bit = 1L << (slot & 63);
        int delta;
        while (true) {
            long current = slots.get(word);
            boolean wasFailure = (current & bit) != 0;
            if (wasFailure == failure) {
                delta = 0;
                break;
            }
            long next = failure ? current | bit : current & ~bit;
            if (slots.compareAndSet(word, current, next)) {
                delta = failure ? 1 : -1;
                break;
            }
        }
        int failed = delta == 0 ? failures.get() : failures.addAndGet(delta);
        // A success can trip too: the spec counts a full window whatever outcome filled it. The fill is read again
        // here, after this outcome's count: with this call's own index instead, two racing failures that filled
        // the window could each see the other half of the condition, and neither trip (found by jcstress,
        // BreakerOpensOnce). Whoever counts last now sees every outcome counted before it, and every claim before.
        return recorded.get() >= size && failed >= failuresToTrip;
    }
}
