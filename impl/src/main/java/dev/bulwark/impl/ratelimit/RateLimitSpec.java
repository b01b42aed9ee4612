package dev.bulwark.impl.ratelimit;

import static dev.bulwark.impl.Preconditions.atLeast;
import static dev.bulwark.impl.Preconditions.check;
import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.RateLimitType;

/**
 * Immutable rate-limit settings, validated at construction. Times are in nanoseconds.
 *
 * @param value permits per window, >= 1 and at most one permit per nanosecond of the window; for
 *        {@link RateLimitType#ROLLING} at most {@link #MAX_ROLLING_VALUE} (it keeps one timestamp per permit)
 * @param windowNanos the window length, >= 1
 * @param minSpacingNanos the minimum time between two permitted calls, >= 0; 0 means none
 * @param type how permits are counted
 * @param burst {@link RateLimitType#SMOOTH} only: the bucket capacity, >= 0; 0 means {@code value}. Must be 0 with
 *        the other types
 * @param maxWaitNanos how long a call may wait for a permit, >= 0; 0 means it is refused at once
 */
public record RateLimitSpec(
        int value,
        long windowNanos,
        long minSpacingNanos,
        RateLimitType type,
        int burst,
        long maxWaitNanos) {

    /** The largest {@code value} a {@link RateLimitType#ROLLING} limiter accepts: its ring holds one long per permit. */
    public static final int MAX_ROLLING_VALUE = 1 << 20;

    public RateLimitSpec {
        atLeast(value, 1, "value");
        atLeast(windowNanos, 1, "window");
        atLeast(minSpacingNanos, 0, "minSpacing");
        notNull(type, "type");
        atLeast(burst, 0, "burst");
        atLeast(maxWaitNanos, 0, "maxWait");
        check(value <= windowNanos, "value must be at most one permit per nanosecond of the window ("
                + windowNanos + " ns), was " + value);
        check(burst == 0 || type == RateLimitType.SMOOTH,
                "burst applies to type SMOOTH only and must be 0 with type " + type + ", was " + burst);
        check(type != RateLimitType.ROLLING || value <= MAX_ROLLING_VALUE,
                "value must be <= " + MAX_ROLLING_VALUE + " with type ROLLING, was " + value);
        if (type == RateLimitType.SMOOTH) {
            long interval = ceilDiv(windowNanos, value);
            int capacity = burst > 0 ? burst : value;
            check(capacity <= Long.MAX_VALUE / 2 / interval, "burst * window / value must be below 2^62 ns, was "
                    + capacity + " * " + windowNanos + " / " + value);
        }
    }

    /** {@code value} permits per {@code windowNanos} of {@code type}; no spacing, no burst, no waiting. */
    public static RateLimitSpec of(RateLimitType type, int value, long windowNanos) {
        return new RateLimitSpec(value, windowNanos, 0, type, 0, 0);
    }

    /** A copy with {@code minSpacingNanos}. */
    public RateLimitSpec withMinSpacing(long minSpacingNanos) {
        return new RateLimitSpec(value, windowNanos, minSpacingNanos, type, burst, maxWaitNanos);
    }

    /** A copy with {@code burst}. */
    public RateLimitSpec withBurst(int burst) {
        return new RateLimitSpec(value, windowNanos, minSpacingNanos, type, burst, maxWaitNanos);
    }

    /** A copy with {@code maxWaitNanos}. */
    public RateLimitSpec withMaxWait(long maxWaitNanos) {
        return new RateLimitSpec(value, windowNanos, minSpacingNanos, type, burst, maxWaitNanos);
    }

    /** The most permits one request can ask for: the bucket capacity for SMOOTH, else {@code value}. */
    public int capacity() {
        return type == RateLimitType.SMOOTH && burst > 0 ? burst : value;
    }

    /** Rejects a request that could never be granted. */
    void checkPermits(int permits) {
        if (permits < 1 || permits > capacity()) {
            throw new IllegalArgumentException("permits must be between 1 and " + capacity() + ", was " + permits);
        }
    }

    static long ceilDiv(long x, long y) {
        long q = x / y;
        return q * y == x ? q : q + 1;
    }
}
