package dev.bulwark.api;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Configures a {@link Guard}, {@link AsyncGuard} or {@link UniGuard}. Each {@code with...} method adds one strategy; the
 * order of the calls does not matter, the chain is always
 * Fallback, Retry, CircuitBreaker, RateLimit, Timeout, Bulkhead. Invalid settings fail in {@link #build()}
 * with an {@link IllegalArgumentException} that names the setting and the value.
 *
 * @param <T> the result type of the guarded actions
 */
public interface GuardBuilder<T> {

    /** A name for the guard, used in metrics and log messages. */
    GuardBuilder<T> name(String name);

    GuardBuilder<T> withRetry(Consumer<RetryOptions> retry);

    GuardBuilder<T> withCircuitBreaker(Consumer<CircuitBreakerOptions> circuitBreaker);

    GuardBuilder<T> withBulkhead(Consumer<BulkheadOptions> bulkhead);

    /** Limits how often attempts may start; a refused attempt fails with {@link RateLimitException}. */
    GuardBuilder<T> withRateLimit(Consumer<RateLimitOptions> rateLimit);

    /** Fails each attempt that takes longer than {@code timeout} with {@code TimeoutException}. */
    GuardBuilder<T> withTimeout(Duration timeout);

    /** Replaces a failure with a result; by default every failure applies. */
    GuardBuilder<T> withFallback(FallbackFunction<T> fallback);

    /** Replaces a failure with a result when it is in {@code applyOn} and not in {@code skipOn}. */
    GuardBuilder<T> withFallback(FallbackFunction<T> fallback, Consumer<FallbackOptions> options);

    /** The executor that runs each attempt of an {@link AsyncGuard}; a bounded shared pool by default. */
    GuardBuilder<T> withExecutor(Executor executor);

    /** The store that {@code shared(name)} rate limits and circuit breakers of this guard use. */
    GuardBuilder<T> withSharedStore(SharedStore store);

    Guard<T> build();

    AsyncGuard<T> buildAsync();

    /**
     * A guard for Mutiny's {@code Uni}: non-blocking, with the asynchronous bulkhead (running plus waiting); the
     * fallback's value becomes the Uni's item. Needs Mutiny on the class path.
     *
     * @throws IllegalStateException without Mutiny
     */
    UniGuard<T> buildUni();
}
