package dev.bulwark.impl.circuitbreaker;

import dev.bulwark.impl.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The outcomes of the last {@code window} nanoseconds, in {@code buckets} buckets: the current one and the
 * {@code buckets - 1} before it. Trips when the window holds at least {@code minCalls} calls and the share of failures
 * reaches the failure ratio, or the share of slow calls reaches the slow-call ratio.
 *
 * <p>A call increments its bucket's counters; a bucket from an older lap is replaced by a fresh one (one
 * compare-and-set and one small object per bucket length, never per call). The decision sums the ring, which is
 * O(buckets), a constant whatever the window's length; a success skips it while the window's current bucket already
 * showed at least {@code minCalls} calls, since a success then cannot trip it (it only lowers the shares).
 */
final class TimeWindow implements FailureWindow {

    private final long bucketNanos;
    private final int buckets;
    private final int minCalls;
    private final double failureRatio;
    private final double slowRatio;
    private final Clock clock;
    private final long origin;
    private final AtomicReferenceArray<Bucket> ring;
    /** An epoch in which the window was seen holding minCalls calls or more; racy on purpose (any value is true). */
    private volatile long fullIn = Long.MIN_VALUE;
    /** The bucket of the last call: while the clock is inside it, a call needs no division. */
    private volatile Bucket last;

    TimeWindow(CircuitBreakerSpec spec, Clock clock) {
        this.buckets = spec.buckets();
        this.bucketNanos = Math.max(1, spec.windowNanos() / buckets);
        this.minCalls = spec.requestVolumeThreshold();
        this.failureRatio = spec.failureRatio();
        this.slowRatio = spec.slowCallNanos() > 0 ? spec.slowCallRatio() : 0;
        this.clock = clock;
        this.origin = clock.coarseNanoTime(); // never after a later coarse reading
        this.ring = new AtomicReferenceArray<>(buckets);
        for (int i = 0; i < buckets; i++) {
            ring.set(i, new Bucket(Long.MIN_VALUE, Long.MIN_VALUE));
        }
        this.last = ring.get(0);
    }

    @Override
    public boolean record(boolean failure) {
        return record(failure, false);
    }

    @Override
    public boolean record(boolean failure, boolean slow) {
        // A coarse reading: a call recorded a millisecond late lands in the bucket it would have a moment later.
        long now = clock.coarseNanoTime();
        Bucket bucket = last;
        long into = now - bucket.startNanos;
        if (into < 0 || into >= bucketNanos || bucket.epoch == Long.MIN_VALUE) {
            bucket = bucket(Math.floorDiv(now - origin, bucketNanos));
            last = bucket;
        }
        long epoch = bucket.epoch;
        bucket.calls.incrementAndGet();
        if (failure) {
            bucket.failures.incrementAndGet();
        }
        if (slow) {
            bucket.slows.incrementAndGet();
        }
        if (!failure && !slow && fullIn == epoch) {
            return false;
        }
        long calls = 0;
        long failures = 0;
        long slows = 0;
        for (int i = 0; i < buckets; i++) {
            Bucket b = ring.get(i);
            if (b.epoch <= epoch && epoch - b.epoch < buckets) {
                calls += b.calls.get();
                failures += b.failures.get();
                slows += b.slows.get();
            }
        }
        if (calls < minCalls) {
            return false;
        }
        fullIn = epoch;
        // The same rounding as the count window: the smallest count whose share reaches the ratio.
        if (failures >= Math.max(0, (long) Math.ceil(failureRatio * calls - 1e-9))) {
            return true;
        }
        return slowRatio > 0 && slows >= (long) Math.ceil(slowRatio * calls - 1e-9);
    }

    private Bucket bucket(long epoch) {
        int index = (int) Math.floorMod(epoch, (long) buckets);
        while (true) {
            Bucket b = ring.get(index);
            if (b.epoch >= epoch) {
                return b; // this lap's, or (a racing caller's clock ran ahead) the next one's
            }
            Bucket fresh = new Bucket(epoch, origin + epoch * bucketNanos);
            if (ring.compareAndSet(index, b, fresh)) {
                return fresh;
            }
        }
    }

    private static final class Bucket {
        final long epoch;
        final long startNanos;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger slows = new AtomicInteger();

        Bucket(long epoch, long startNanos) {
            this.epoch = epoch;
            this.startNanos = startNanos;
        }
    }
}
