package dev.bulwark.api;

import java.time.Duration;

/** Rate-limit settings; the defaults are those of {@link RateLimit}: 100 permits per second, FIXED. */
public interface RateLimitOptions {

    /** {@code permits} (>= 1) per {@code window} (> 0). Default 100 per second. */
    RateLimitOptions limit(int permits, Duration window);

    /** How permits are counted. Default {@link RateLimitType#FIXED}. */
    RateLimitOptions type(RateLimitType type);

    /** Minimum time between two permitted calls, >= 0, on top of the type's rule. Default 0 (none). */
    RateLimitOptions minSpacing(Duration minSpacing);

    /** {@link RateLimitType#SMOOTH} only: bucket capacity, >= 0; 0 means the permits per window. Default 0. */
    RateLimitOptions burst(int burst);

    /** How long a call may wait for a permit, >= 0; 0 rejects at once. Default 0. */
    RateLimitOptions maxWait(Duration maxWait);

    /**
     * Shares the limit with every replica that uses {@code store} and {@code name}: together they get at most the
     * permits per window. While the store cannot be reached, this replica enforces the limit alone.
     */
    RateLimitOptions shared(SharedStore store, String name);

    /** The same, with the store given to {@link GuardBuilder#withSharedStore(SharedStore)}. */
    RateLimitOptions shared(String name);
}
