package dev.bulwark.api;

import java.time.Duration;

/**
 * Circuit breaker settings; defaults are the MP FT {@code @CircuitBreaker} defaults. A null argument, and a value
 * that is wrong on its own (a non-positive window or slow-call threshold, fewer than 1 consecutive failures), fail at
 * once; the other values are checked when the guard is built ({@link GuardBuilder#build()}). Either way the failure
 * is an {@link IllegalArgumentException} naming the setting.
 */
public interface CircuitBreakerOptions {

    /**
     * Registers the breaker under this name (not null) so that operators can read and control it: for
     * {@link Guard#builder()}, with {@link CircuitBreakerMaintenance#get()}. One name is one breaker: a guard built
     * later under a name already registered shares that breaker (its state, counts and listeners) when every setting
     * agrees (the numbers, {@code failOn}/{@code skipOn} as sets, the same listener objects, the same shared store and
     * name, the same engine's clock), and its {@code build()} throws an {@link IllegalStateException} naming the
     * breaker, both guards and each setting that differs when one does not. Default: not registered, and known by the
     * guard's {@code name}.
     */
    CircuitBreakerOptions name(String name);

    /**
     * Size of the rolling window of outcomes, >= 1; with {@link #slidingTimeWindow}, the fewest calls in the window
     * before the breaker may open. Default 20.
     */
    CircuitBreakerOptions requestVolumeThreshold(int requestVolumeThreshold);

    /** Fraction of failures in a full window that opens the breaker, 0..1. Default 0.5. */
    CircuitBreakerOptions failureRatio(double failureRatio);

    /**
     * Instead of a ratio, opens after this many failures in a row; >= 1, checked at once. Excludes
     * {@link #slidingTimeWindow} (checked in {@code build()}). Default: off, the ratio decides.
     */
    CircuitBreakerOptions consecutiveFailures(int failures);

    /** How long the breaker stays open before admitting trial calls, >= 0. Default 5 s. */
    CircuitBreakerOptions delay(Duration delay);

    /** Successful trial calls needed in HALF_OPEN to close again, >= 1. Default 1. */
    CircuitBreakerOptions successThreshold(int successThreshold);

    /**
     * Exceptions (with their subclasses) counted as failures; the others count as successes. Replaces the previous
     * list. Default {@link Throwable}, but a {@link RateLimitException} counts only when named here (or a subclass).
     */
    @SuppressWarnings("unchecked")
    CircuitBreakerOptions failOn(Class<? extends Throwable>... types);

    /**
     * Exceptions counted as success, even if {@link #failOn} names them or a superclass; replaces the previous list.
     * Default none.
     */
    @SuppressWarnings("unchecked")
    CircuitBreakerOptions skipOn(Class<? extends Throwable>... types);

    /**
     * Judges the outcomes of the last {@code window} (moving in {@code buckets} steps) instead of the last
     * requestVolumeThreshold calls, which becomes the fewest calls in the window before it may open. {@code window}
     * > 0, checked at once; {@code buckets} 1..1000, and the window at least one nanosecond per bucket, checked in
     * {@code build()}. Default: a count of calls. Excludes {@link #consecutiveFailures}.
     */
    CircuitBreakerOptions slidingTimeWindow(java.time.Duration window, int buckets);

    /**
     * Also opens when the share of calls slower than {@code threshold} in the window reaches {@code ratio}.
     * {@code threshold} > 0, checked at once; {@code ratio} over 0 and at most 1, checked in {@code build()}.
     * Default: call durations do not count.
     */
    CircuitBreakerOptions slowCall(java.time.Duration threshold, double ratio);

    /**
     * Adds a listener told of every state change (not null); each call adds one more. An exception it throws is
     * logged and ignored. Default none.
     */
    CircuitBreakerOptions onStateChange(CircuitStateListener listener);

    /**
     * Shares the breaker's state with every replica that uses {@code store} and {@code name}: outcomes are counted
     * locally, an opening on any replica opens them all, one replica at a time runs the trial calls, and forcing or
     * resetting acts on all. While the store cannot be reached, this replica's breaker decides alone. Default: not
     * shared. {@code store} not null; {@code name} not null nor blank, and a store of a kind the engine cannot share
     * through fails in {@code build()}.
     */
    CircuitBreakerOptions shared(SharedStore store, String name);

    /**
     * The same, with the store given to {@link GuardBuilder#withSharedStore(SharedStore)}; without one,
     * {@code build()} fails.
     */
    CircuitBreakerOptions shared(String name);
}
