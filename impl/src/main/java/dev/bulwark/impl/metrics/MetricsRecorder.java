package dev.bulwark.impl.metrics;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Receives the events of one operation that the MP FT metrics chapter counts. The engine calls it on the
 * hot path, so implementations precompute their counters and must not block. Gauges (circuit-breaker state
 * times, bulkhead occupancy) are read from the operation's primitives by the provider, not pushed here.
 */
public interface MetricsRecorder {

    /** Records nothing; {@link #enabled()} is false so the drivers skip the clock readings. */
    MetricsRecorder NOOP = new MetricsRecorder() {
        @Override
        public boolean enabled() {
            return false;
        }
    };

    /** Whether durations need measuring at all. */
    default boolean enabled() {
        return true;
    }

    /** One call of the operation ended ({@code ft.invocations.total}). */
    default void invocation(boolean valueReturned, FallbackUse fallback) {
    }

    /** A retried operation ended ({@code ft.retry.calls.total}). */
    default void retryCall(boolean retried, RetryOutcome outcome) {
    }

    /** A retry is about to start ({@code ft.retry.retries.total}). */
    default void retried() {
    }

    /** An attempt under a timeout ended ({@code ft.timeout.calls.total}, {@code ft.timeout.executionDuration}). */
    default void timeoutCall(boolean timedOut, long executionNanos) {
    }

    /** An attempt passed, or was refused by, the circuit breaker ({@code ft.circuitbreaker.calls.total}). */
    default void circuitBreakerCall(CircuitBreakerResult result) {
    }

    /** An attempt was accepted or rejected by the bulkhead ({@code ft.bulkhead.calls.total}). */
    default void bulkheadCall(boolean accepted) {
    }

    /** An accepted attempt left the bulkhead after running this long ({@code ft.bulkhead.runningDuration}). */
    default void bulkheadRunning(long nanos) {
    }

    /** A queued attempt waited this long for a place ({@code ft.bulkhead.waitingDuration}). */
    default void bulkheadWaiting(long nanos) {
    }

    /**
     * An attempt got, or was refused, a rate-limit permit, after any wait ({@code ft.ratelimit.calls.total}, tag
     * {@code rateLimitResult=permitted|rejected}).
     */
    default void rateLimitCall(boolean permitted) {
    }

    /**
     * Registers a counter series that a strategy beyond the built-in ones declares when its stage is made
     * ({@code StageContext.metrics()}), in every metrics API the application has, tagged with the operation's
     * {@code method} first and then {@code tags} (alternating names and values). Declared once per stage, not per
     * call: the returned counter is what the stage increments on its hot path.
     */
    default Runnable counter(String name, String... tags) {
        return NOTHING;
    }

    /** Registers a series of durations in nanoseconds (a histogram, a timer), as {@link #counter}. */
    default LongConsumer duration(String name, String... tags) {
        return NO_DURATION;
    }

    /** Registers a gauge that reads {@code value} whenever it is scraped, as {@link #counter}. */
    default void gauge(String name, LongSupplier value, String... tags) {
    }

    /**
     * Where the series of a whole partitioned method go ({@code ft.partitions.*}) when this recorder's carry a
     * {@code partition} tag: those are per method whatever the tagging.
     */
    default MetricsRecorder perMethod() {
        return this;
    }

    /** The operation is gone (an evicted partition): its series are removed where the metrics API can. */
    default void release() {
    }

    /** What {@link #counter} gives where nothing is recorded. */
    Runnable NOTHING = () -> { };

    /** What {@link #duration} gives where nothing is recorded. */
    LongConsumer NO_DURATION = nanos -> { };

    /** {@code fallback} tag of {@code ft.invocations.total}. */
    enum FallbackUse { APPLIED, NOT_APPLIED, NOT_DEFINED }

    /** {@code retryResult} tag of {@code ft.retry.calls.total}. */
    enum RetryOutcome {
        VALUE_RETURNED, EXCEPTION_NOT_RETRYABLE, MAX_RETRIES_REACHED, MAX_DURATION_REACHED,
        /** Bulwark's own: the retry budget was empty ({@code retryResult="retryBudgetExhausted"}). */
        RETRY_BUDGET_EXHAUSTED
    }

    /**
     * {@code circuitBreakerResult} tag of {@code ft.circuitbreaker.calls.total}: the spec's three values, and
     * {@code slowCall} for a call that returned but that the breaker recorded as slow ({@code @SlowCall}); such a
     * call is counted there instead of under {@code success}, so the four still add up to the calls.
     */
    enum CircuitBreakerResult { SUCCESS, FAILURE, CIRCUIT_BREAKER_OPEN, SLOW_CALL }
}
