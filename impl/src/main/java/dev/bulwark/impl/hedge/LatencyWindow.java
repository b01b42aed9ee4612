package dev.bulwark.impl.hedge;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The last {@value #SIZE} latencies of winning attempts, and a percentile of them that the hedge delay follows. A
 * sample is one slot written (no lock); the percentile is recomputed by one recorder every {@value #EVERY} samples
 * (sorting a copy: 256 longs, so a few microseconds per 16 hedged calls) and read as one volatile long in between.
 */
final class LatencyWindow {

    static final int SIZE = 256;
    /** Samples before the percentile is used: fewer say little about a tail. */
    static final int MIN_SAMPLES = 32;
    static final int EVERY = 16;

    private final double percentile;
    private final AtomicLongArray samples = new AtomicLongArray(SIZE);
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicInteger computing = new AtomicInteger();
    private volatile long current = -1;

    LatencyWindow(double percentile) {
        this.percentile = percentile;
    }

    void record(long nanos) {
        long n = recorded.getAndIncrement();
        samples.set((int) (n % SIZE), Math.max(0, nanos));
        long count = n + 1;
        if (count >= MIN_SAMPLES && (count % EVERY == 0 || current < 0) && computing.compareAndSet(0, 1)) {
            try {
                current = compute((int) Math.min(count, SIZE));
            } finally {
                computing.set(0);
            }
        }
    }

    /** The percentile of the window, in nanoseconds, or -1 until {@value #MIN_SAMPLES} samples are known. */
    long percentile() {
        return current;
    }

    private long compute(int count) {
        long[] copy = new long[count];
        for (int i = 0; i < count; i++) {
            copy[i] = samples.get(i);
        }
        Arrays.sort(copy);
        // The nearest-rank percentile: the smallest sample with at least p% of the samples at or below it.
        int rank = (int) Math.ceil(percentile / 100 * count);
        return copy[Math.max(0, Math.min(count, rank) - 1)];
    }
}
