package dev.bulwark.api;

import java.time.Duration;

/**
 * Rate-limit settings; the defaults are those of {@link RateLimit}: 100 permits per second, FIXED. A null argument
 * fails at once; the values are checked when the guard or limiter is built ({@link GuardBuilder#build()},
 * {@link RateLimiters#create}). Either way the failure is an {@link IllegalArgumentException} naming the setting.
 */
public interface RateLimitOptions {

    /**
     * {@code permits} (>= 1, at most one per nanosecond of the window, and at most 2^20 with
     * {@link RateLimitType#ROLLING}) per {@code window} (> 0). Default 100 per second.
     */
    RateLimitOptions limit(int permits, Duration window);

    /** How permits are counted (not null). Default {@link RateLimitType#FIXED}. */
    RateLimitOptions type(RateLimitType type);

    /** Minimum time between two permitted calls, >= 0, on top of the type's rule. Default 0 (none). */
    RateLimitOptions minSpacing(Duration minSpacing);

    /**
     * {@link RateLimitType#SMOOTH} only: bucket capacity, >= 0; 0 means the permits per window, and any other value
     * with another type fails. Default 0.
     */
    RateLimitOptions burst(int burst);

    /**
     * How long a call may wait for a permit before it fails with {@link RateLimitException}, >= 0; 0 rejects at once.
     * A synchronous caller waits on its own thread, an asynchronous call holds no thread. Default 0.
     */
    RateLimitOptions maxWait(Duration maxWait);

    /**
     * Shares the limit with every replica that uses {@code store} and {@code name}: together they get at most the
     * permits per window. While the store cannot be reached, this replica enforces the limit alone. Default: not
     * shared. {@code store} not null; {@code name} not null nor blank, and a store of a kind the engine cannot share
     * through fails when the guard or limiter is built.
     */
    RateLimitOptions shared(SharedStore store, String name);

    /**
     * The same, with the store given to {@link GuardBuilder#withSharedStore(SharedStore)}; without one the guard
     * fails to build, and a limiter of {@link RateLimiters#create}, which has none, always does.
     */
    RateLimitOptions shared(String name);
}
