package dev.bulwark.impl.ratelimit;

import dev.bulwark.impl.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link dev.bulwark.api.RateLimitType#FIXED}: consecutive windows of {@code window} nanoseconds, the first starting
 * when the limiter is created, each with {@code value} permits.
 *
 * <p>The whole state is one word, the number of permit slots used since the start: window index * value plus the
 * permits taken in that window. A request for n permits in window w moves it to {@code max(used, w * value) + n},
 * which must stay within {@code (w + 1) * value}. That is one compare-and-set, no lock and no allocation; a thread
 * that loses the CAS re-reads the clock and decides again. The spec allows at most one permit per nanosecond of
 * the window, so the counter cannot overflow in 292 years.
 *
 * <p>With a minimum spacing the last permit time must change together with the counter, and the two do not fit
 * in one word; that (rarer) configuration decides under the limiter's monitor instead.
 */
final class FixedWindowLimiter implements RateLimiter {

    private final RateLimitSpec spec;
    private final Clock clock;
    private final long origin;
    private final long window;
    private final int value;
    private final long spacing;
    private final AtomicLong used = new AtomicLong();
    /**
     * The index of the window the last caller was in: while the clock stays inside it, a call needs a multiply
     * and a compare instead of a 64-bit division. Racy on purpose: every value written is a correct window index
     * for some reading of the clock, and a stale one only sends the caller to the division.
     */
    private volatile long lastWindow;
    private long lastPermit; // guarded by this; read only when spacing > 0

    FixedWindowLimiter(RateLimitSpec spec, Clock clock) {
        this.spec = spec;
        this.clock = clock;
        this.origin = clock.nanoTime();
        this.window = spec.windowNanos();
        this.value = spec.value();
        this.spacing = spec.minSpacingNanos();
        this.lastPermit = origin - spacing;
    }

    @Override
    public long tryAcquire(int permits) {
        spec.checkPermits(permits);
        if (spacing > 0) {
            return tryAcquireSpaced(permits);
        }
        while (true) {
            long now = clock.nanoTime();
            long slots = used.get();
            long floor = windowIndex(now) * value;
            long next = Math.max(slots, floor) + permits;
            if (next > floor + value) {
                return waitFor(now, slots, permits);
            }
            if (used.compareAndSet(slots, next)) {
                return 0;
            }
        }
    }

    private synchronized long tryAcquireSpaced(int permits) {
        long now = clock.nanoTime();
        long slots = used.get();
        long floor = Math.floorDiv(now - origin, window) * value;
        long next = Math.max(slots, floor) + permits;
        long wait = lastPermit + spacing - now;
        if (next > floor + value) {
            wait = Math.max(wait, waitFor(now, slots, permits));
        }
        if (wait > 0) {
            return wait;
        }
        used.set(next);
        lastPermit = now;
        return 0;
    }

    /** {@code floorDiv(now - origin, window)}, the division skipped while {@code now} is in the last window seen. */
    private long windowIndex(long now) {
        long w = lastWindow;
        long offset = now - origin - w * window;
        if (offset >= 0 && offset < window) {
            return w;
        }
        w = Math.floorDiv(now - origin, window);
        lastWindow = w;
        return w;
    }

    /** Until the start of the first window w with {@code max(slots, w * value) + permits <= (w + 1) * value}. */
    private long waitFor(long now, long slots, int permits) {
        long w = RateLimitSpec.ceilDiv(slots + permits, value) - 1;
        return Math.max(1, origin + w * window - now);
    }

    @Override
    public RateLimitSpec spec() {
        return spec;
    }

    @Override
    public String toString() {
        return "FixedWindowLimiter[" + value + " per " + window + " ns]";
    }
}
