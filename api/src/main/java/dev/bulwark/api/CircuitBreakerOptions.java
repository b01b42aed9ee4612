package dev.bulwark.api;

import java.time.Duration;

/** Circuit breaker settings; defaults are the MP FT {@code @CircuitBreaker} defaults. */
public interface CircuitBreakerOptions {

    /** Registers the breaker under this name with {@link CircuitBreakerMaintenance}; names are unique. */
    CircuitBreakerOptions name(String name);

    /** Size of the rolling window of outcomes, >= 1. Default 20. */
    CircuitBreakerOptions requestVolumeThreshold(int requestVolumeThreshold);

    /** Fraction of failures in a full window that opens the breaker, 0..1. Default 0.5. */
    CircuitBreakerOptions failureRatio(double failureRatio);

    /** Instead of a ratio, open after this many failures in a row, >= 1. */
    CircuitBreakerOptions consecutiveFailures(int failures);

    /** How long the breaker stays open before admitting trial calls, >= 0. Default 5 s. */
    CircuitBreakerOptions delay(Duration delay);

    /** Successful trial calls needed in HALF_OPEN to close again, >= 1. Default 1. */
    CircuitBreakerOptions successThreshold(int successThreshold);

    /** Exceptions counted as failures. Default {@link Throwable}. */
    @SuppressWarnings("unchecked")
    CircuitBreakerOptions failOn(Class<? extends Throwable>... types);

    /** Exceptions counted as success, even if {@link #failOn} names them or a superclass. */
    @SuppressWarnings("unchecked")
    CircuitBreakerOptions skipOn(Class<? extends Throwable>... types);

    /**
     * Judges the outcomes of the last {@code window} (moving in {@code buckets} steps) instead of the last
     * requestVolumeThreshold calls, which becomes the fewest calls in the window before it may open.
     */
    CircuitBreakerOptions slidingTimeWindow(java.time.Duration window, int buckets);

    /** Also opens when the share of calls slower than {@code threshold} in the window reaches {@code ratio}. */
    CircuitBreakerOptions slowCall(java.time.Duration threshold, double ratio);

    /** Told of every state change. */
    CircuitBreakerOptions onStateChange(CircuitStateListener listener);

    /**
     * Shares the breaker's state with every replica that uses {@code store} and {@code name}: outcomes are counted
     * locally, an opening on any replica opens them all, one replica at a time runs the trial calls, and forcing or
     * resetting acts on all. While the store cannot be reached, this replica's breaker decides alone.
     */
    CircuitBreakerOptions shared(SharedStore store, String name);

    /** The same, with the store given to {@link GuardBuilder#withSharedStore(SharedStore)}. */
    CircuitBreakerOptions shared(String name);
}
