package dev.bulwark.impl.ratelimit;

import dev.bulwark.impl.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link dev.bulwark.api.RateLimitType#SMOOTH}: a token bucket of {@link RateLimitSpec#capacity()} permits refilled
 * one per {@code window / value} nanoseconds, full at the start; implemented as the generic cell rate algorithm.
 *
 * <p>The whole state is one word, the theoretical arrival time {@code tat}: the moment the bucket will be full
 * again. It holds {@code (capacity * interval - (tat - now)) / interval} permits now. Taking n permits moves it to
 * {@code max(tat, now) + n * interval}, allowed while that stays within {@code now + capacity * interval}. One
 * compare-and-set, no lock, no allocation. The interval is rounded up to the next nanosecond, so the rate is never
 * exceeded (for 3 per second: one per 333,333,334 ns).
 *
 * <p>With a minimum spacing the last permit time must change together with {@code tat}; the two do not fit in one
 * word, so that configuration decides under the limiter's monitor instead.
 */
final class SmoothLimiter implements RateLimiter {

    private final RateLimitSpec spec;
    private final Clock clock;
    private final long interval;
    private final long tolerance;
    private final long spacing;
    private final AtomicLong tat;
    private long lastPermit; // guarded by this; read only when spacing > 0

    SmoothLimiter(RateLimitSpec spec, Clock clock) {
        this.spec = spec;
        this.clock = clock;
        this.interval = RateLimitSpec.ceilDiv(spec.windowNanos(), spec.value());
        this.tolerance = spec.capacity() * interval;
        this.spacing = spec.minSpacingNanos();
        long now = clock.nanoTime();
        this.tat = new AtomicLong(now);
        this.lastPermit = now - spacing;
    }

    @Override
    public long tryAcquire(int permits) {
        spec.checkPermits(permits);
        if (spacing > 0) {
            return tryAcquireSpaced(permits);
        }
        long cost = permits * interval;
        while (true) {
            long now = clock.nanoTime();
            long t = tat.get();
            long next = (t - now > 0 ? t : now) + cost;
            long wait = next - tolerance - now;
            if (wait > 0) {
                return wait;
            }
            if (tat.compareAndSet(t, next)) {
                return 0;
            }
        }
    }

    private synchronized long tryAcquireSpaced(int permits) {
        long now = clock.nanoTime();
        long t = tat.get();
        long next = (t - now > 0 ? t : now) + permits * interval;
        long wait = Math.max(next - tolerance - now, lastPermit + spacing - now);
        if (wait > 0) {
            return wait;
        }
        tat.set(next);
        lastPermit = now;
        return 0;
    }

    @Override
    public RateLimitSpec spec() {
        return spec;
    }

    @Override
    public String toString() {
        return "SmoothLimiter[one per " + interval + " ns, capacity " + spec.capacity() + "]";
    }
}
