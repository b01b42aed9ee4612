package dev.bulwark.api;

import java.util.function.Consumer;

/** Creates stand-alone rate limiters; a guard gets one through {@link GuardBuilder#withRateLimit}. */
public final class RateLimiters {

    private RateLimiters() {
    }

    /**
     * A new limiter; invalid settings fail here with an {@link IllegalArgumentException} naming them.
     *
     * <pre>{@code
     * RateLimiterHandle rows = RateLimiters.create(r -> r.limit(1_000, Duration.ofSeconds(1)).type(RateLimitType.SMOOTH));
     * rows.acquire(batch.size());
     * }</pre>
     */
    public static RateLimiterHandle create(Consumer<RateLimitOptions> options) {
        return GuardProviders.get().newRateLimiter(options);
    }
}
