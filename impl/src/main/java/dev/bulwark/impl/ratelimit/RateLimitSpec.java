package dev.bulwark.impl.ratelimit;

import dev.bulwark.api.RateLimitType;
import dev.bulwark.impl.Checks;

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
        Checks c = new Checks();
        c.atLeast(value, 1, "value");
        c.atLeast(windowNanos, 1, "window");
        c.atLeast(minSpacingNanos, 0, "minSpacing");
        c.notNull(type, "type");
        c.atLeast(burst, 0, "burst");
        c.atLeast(maxWaitNanos, 0, "maxWait");
        c.check(burst == 0 || type == RateLimitType.SMOOTH, "burst", burst,
                "must be 0 unless type is SMOOTH (type is " + type + ")", "type");
        if (c.passed()) {
            c.check(value <= windowNanos, "value", value, "must be at most one permit per nanosecond of the window ("
                    + windowNanos + " ns)", "window");
            c.check(type != RateLimitType.ROLLING || value <= MAX_ROLLING_VALUE, "value", value,
                    "must be <= " + MAX_ROLLING_VALUE + " with type ROLLING", "type");
        }
        if (c.passed() && type == RateLimitType.SMOOTH) {
            long interval = ceilDiv(windowNanos, value);
            int capacity = burst > 0 ? burst : value;
            c.check(capacity <= Long.MAX_VALUE / 2 / interval, "value", value, "makes a SMOOTH bucket too long to"
                    + " count: burst * window / value must be below 2^62 ns, was " + capacity + " * " + windowNanos
                    + " / " + value, "window", "burst");
        }
        c.done();
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
