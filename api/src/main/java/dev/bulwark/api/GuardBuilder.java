package dev.bulwark.api;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Configures a {@link Guard}, {@link AsyncGuard} or {@link UniGuard}. Each {@code with...} method adds one strategy;
 * the order of the calls does not matter, the chain is always
 * Fallback, Retry, CircuitBreaker, RateLimit, Timeout, Bulkhead. Without any, a guard just runs the action. Invalid
 * settings fail with an {@link IllegalArgumentException} that names the setting and the value: most in
 * {@link #build()}, a null argument and a value that is wrong on its own (a timeout that is not positive, say) at
 * once, where it is set. Not thread-safe; the guards it builds are.
 *
 * @param <T> the result type of the guarded actions
 */
public interface GuardBuilder<T> {

    /**
     * Names the guard in metrics and error messages, and its circuit breaker when that has no
     * {@link CircuitBreakerOptions#name(String) name} of its own. Default {@code guard-1}, {@code guard-2}, ...,
     * numbered as guards are built; not null.
     */
    GuardBuilder<T> name(String name);

    /**
     * Retries failed attempts as {@code retry} configures them, starting from the {@code @Retry} defaults (see
     * {@link RetryOptions}). Calling it again changes the same settings further. No retry by default.
     */
    GuardBuilder<T> withRetry(Consumer<RetryOptions> retry);

    /**
     * Adds a circuit breaker configured by {@code circuitBreaker}, starting from the {@code @CircuitBreaker} defaults
     * (see {@link CircuitBreakerOptions}); an open breaker fails calls with {@code CircuitBreakerOpenException}.
     * Calling it again changes the same settings further. No breaker by default.
     */
    GuardBuilder<T> withCircuitBreaker(Consumer<CircuitBreakerOptions> circuitBreaker);

    /**
     * Caps the calls running at once (and, for asynchronous and {@code Uni} guards, those waiting), starting from the
     * {@code @Bulkhead} defaults (see {@link BulkheadOptions}); a call beyond the cap fails with
     * {@code BulkheadException}. Calling it again changes the same settings further. No bulkhead by default.
     */
    GuardBuilder<T> withBulkhead(Consumer<BulkheadOptions> bulkhead);

    /**
     * Adds a bulkhead whose limit moves with the latency it measures ({@link AdaptiveBulkhead}), where the bulkhead
     * sits; a call over the limit fails with MP FT's {@code BulkheadException}. It and {@link #withBulkhead} exclude
     * each other: {@link #build()} refuses both.
     *
     * @param adaptiveBulkhead sets its options; the defaults are {@link AdaptiveBulkhead}'s
     */
    GuardBuilder<T> withAdaptiveBulkhead(Consumer<AdaptiveBulkheadOptions> adaptiveBulkhead);

    /**
     * Limits how often attempts may start, starting from the {@link RateLimit} defaults (see
     * {@link RateLimitOptions}); a refused attempt fails with {@link RateLimitException}. Every retry asks for a
     * permit of its own. Calling it again changes the same settings further. No rate limit by default.
     */
    GuardBuilder<T> withRateLimit(Consumer<RateLimitOptions> rateLimit);

    /**
     * Fails each attempt that takes longer than {@code timeout} with MP FT's {@code TimeoutException}, interrupting
     * a synchronous attempt's thread. Must be positive, else an {@link IllegalArgumentException} at once. No timeout
     * by default; calling it again replaces the value.
     */
    GuardBuilder<T> withTimeout(Duration timeout);

    /**
     * Replaces every failure with the result of {@code fallback} (not null). No fallback by default; calling it again
     * replaces the fallback and its options.
     */
    GuardBuilder<T> withFallback(FallbackFunction<T> fallback);

    /**
     * Replaces a failure with the result of {@code fallback} when it is in {@code applyOn} and not in {@code skipOn}
     * (see {@link FallbackOptions}). No fallback by default; calling it again replaces the fallback and its options.
     */
    GuardBuilder<T> withFallback(FallbackFunction<T> fallback, Consumer<FallbackOptions> options);

    /**
     * The executor that runs each attempt of a guard from {@link #buildAsync()}; {@link #build()} and
     * {@link #buildUni()}, which do not run attempts on an executor, refuse a builder given one with an
     * {@link IllegalStateException} rather than ignore it. Default: the engine's, for {@link Guard#builder()} a pool
     * of 100 daemon threads shared by every guard. Not null; the guard never shuts it down, its owner does.
     */
    GuardBuilder<T> withExecutor(Executor executor);

    /**
     * The store that a {@code shared(name)} rate limit or circuit breaker of this guard uses when it names no store
     * of its own. None by default: such a {@code shared(name)} then fails in {@link #build()}. Not null.
     */
    GuardBuilder<T> withSharedStore(SharedStore store);

    /**
     * Builds a synchronous guard whose rate limit, circuit breaker and bulkhead keep one state per key, at most
     * {@code maxPartitions} live at once (those at rest evicted least recently used first; when none is, new keys
     * share one overflow partition).
     *
     * @param maxPartitions the bound on live partitions, at least 1 (10,000 is {@link PartitionKey}'s default)
     * @throws IllegalArgumentException if {@code maxPartitions} is below 1, or nothing is partitioned (no rate
     *         limit, breaker or bulkhead)
     */
    PartitionedGuard<T> buildPartitioned(int maxPartitions);

    /**
     * A synchronous guard with the settings so far. Each call builds a new guard whose breaker, bulkhead and rate
     * limit start fresh; a named breaker replaces the earlier one registered under its name.
     *
     * @throws IllegalArgumentException naming the first invalid setting
     * @throws IllegalStateException if {@link #withExecutor} was called
     */
    Guard<T> build();

    /**
     * An asynchronous guard, for actions returning a {@code CompletionStage}: each attempt runs on the
     * {@link #withExecutor(Executor) executor}. Fresh state on each call, as with {@link #build()}.
     *
     * @throws IllegalArgumentException naming the first invalid setting
     */
    AsyncGuard<T> buildAsync();

    /**
     * A guard for Mutiny's {@code Uni}: non-blocking, with the asynchronous bulkhead (running plus waiting); the
     * fallback's value becomes the Uni's item. Needs Mutiny on the class path.
     *
     * @throws IllegalStateException without Mutiny
     * @throws IllegalArgumentException naming the first invalid setting
     * @throws IllegalStateException if {@link #withExecutor} was called
     */
    UniGuard<T> buildUni();
}
