package dev.bulwark.api;

import java.util.function.Consumer;

/** Creates stand-alone rate limiters; a guard gets one through {@link GuardBuilder#withRateLimit}. */
public final class RateLimiters {

    private RateLimiters() {
    }

    /**
     * A new limiter on the shared engine's clock, starting from the {@link RateLimitOptions} defaults and configured
     * by {@code options} (not null). Each call makes a limiter with permits of its own. A limiter has no guard store,
     * so a shared one needs {@link RateLimitOptions#shared(SharedStore, String)}.
     *
     * <pre>{@code
     * RateLimiterHandle rows = RateLimiters.create(
     *         r -> r.limit(1_000, Duration.ofSeconds(1)).type(RateLimitType.SMOOTH));
     * rows.acquire(batch.size());
     * }</pre>
     *
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public static RateLimiterHandle create(Consumer<RateLimitOptions> options) {
        return GuardProviders.get().newRateLimiter(options);
    }
}
