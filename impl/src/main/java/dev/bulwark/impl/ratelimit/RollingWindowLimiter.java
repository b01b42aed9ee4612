package dev.bulwark.impl.ratelimit;

import dev.bulwark.impl.time.Clock;
import java.util.Arrays;

/**
 * {@link dev.bulwark.api.RateLimitType#ROLLING}: at most {@code value} permits in any interval of {@code window}
 * nanoseconds (half-open: a permit exactly one window after another is in the next interval).
 *
 * <p>A ring holds the times of the last {@code value} permits, oldest first. n more permits are allowed now when
 * the n-th oldest of them is at least a window old: it is the one that would stand {@code value} places before the
 * last new permit. Exact, O(n) per request, allocation-free. The ring is read and written under the limiter's
 * monitor, held for a few array accesses; the clock is read inside it, so the ring stays in time order.
 */
final class RollingWindowLimiter implements RateLimiter {

    private final RateLimitSpec spec;
    private final Clock clock;
    private final long window;
    private final long spacing;
    private final long[] times; // guarded by this
    private int head; // guarded by this: the oldest entry
    private long lastPermit; // guarded by this

    RollingWindowLimiter(RateLimitSpec spec, Clock clock) {
        this.spec = spec;
        this.clock = clock;
        this.window = spec.windowNanos();
        this.spacing = spec.minSpacingNanos();
        this.times = new long[spec.value()];
        long now = clock.nanoTime();
        Arrays.fill(times, now - window);
        this.lastPermit = now - spacing;
    }

    @Override
    public synchronized long tryAcquire(int permits) {
        spec.checkPermits(permits);
        long now = clock.nanoTime();
        int leaving = head + permits - 1;
        if (leaving >= times.length) {
            leaving -= times.length;
        }
        long wait = times[leaving] + window - now;
        if (spacing > 0) {
            wait = Math.max(wait, lastPermit + spacing - now);
        }
        if (wait > 0) {
            return wait;
        }
        for (int i = 0; i < permits; i++) {
            times[head] = now;
            if (++head == times.length) {
                head = 0;
            }
        }
        lastPermit = now;
        return 0;
    }

    @Override
    public RateLimitSpec spec() {
        return spec;
    }

    @Override
    public String toString() {
        return "RollingWindowLimiter[" + spec.value() + " per " + window + " ns]";
    }
}
