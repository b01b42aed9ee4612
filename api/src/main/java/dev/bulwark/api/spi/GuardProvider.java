package dev.bulwark.api.spi;

import dev.bulwark.api.CircuitBreakerHandle;
import dev.bulwark.api.GuardBuilder;
import dev.bulwark.api.RateLimitOptions;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RetryBudgetHandle;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The service the API finds through {@link java.util.ServiceLoader}; {@code bulwark-impl} provides it.
 * Not for applications.
 */
public interface GuardProvider {

    <T> GuardBuilder<T> newBuilder();

    RateLimiterHandle newRateLimiter(Consumer<RateLimitOptions> options);

    RetryBudgetHandle newRetryBudget(double ratio, int minPerSecond, java.time.Duration ttl);

    /** The breaker registered under {@code name}, or null. */
    CircuitBreakerHandle circuitBreaker(String name);

    Set<String> circuitBreakerNames();

    /** Stops the engine's threads (see {@link dev.bulwark.api.Bulwark#shutdown}); true if they ended within {@code wait}. */
    boolean shutdown(java.time.Duration wait) throws InterruptedException;
}
