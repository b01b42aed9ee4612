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
}
