package dev.bulwark.impl.ratelimit;

import dev.bulwark.impl.time.Clock;

/**
 * The rate-limit primitive: decides whether permits are free now, and takes them if so. It never waits and
 * never schedules; the drivers do that with the answer. One implementation per {@link dev.bulwark.api.RateLimitType}.
 * Thread-safe; a limiter is shared by every call of its operation.
 */
public interface RateLimiter {

    /**
     * Takes {@code permits} permits if they are all free now, else takes nothing. Allocation-free.
     *
     * @param permits how many permits the call weighs, 1..{@link RateLimitSpec#capacity()}
     * @return 0 if the permits were taken; otherwise (always > 0) the nanoseconds until a request for the same
     *         number of permits could be granted, assuming nobody else takes permits in between
     * @throws IllegalArgumentException if {@code permits} is outside 1..capacity (such a request could never be
     *         granted)
     */
    long tryAcquire(int permits);

    /** Same as {@code tryAcquire(1)}. */
    default long tryAcquire() {
        return tryAcquire(1);
    }

    RateLimitSpec spec();

    /** A limiter for {@code spec}, reading time from {@code clock}; its windows start now. */
    static RateLimiter of(RateLimitSpec spec, Clock clock) {
        switch (spec.type()) {
            case FIXED:
                return new FixedWindowLimiter(spec, clock);
            case ROLLING:
                return new RollingWindowLimiter(spec, clock);
            default:
                return new SmoothLimiter(spec, clock);
        }
    }
}
