package dev.bulwark.api;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Retry settings; defaults are the MP FT {@code @Retry} defaults. A null argument, and a backoff's invalid factor or
 * maxDelay, fail at once; the other values are checked when the guard is built ({@link GuardBuilder#build()}).
 * Either way the failure is an {@link IllegalArgumentException} naming the setting.
 */
public interface RetryOptions {

    /** Retries after the first attempt, >= -1; 0 means none, -1 no limit. Default 3. */
    RetryOptions maxRetries(int maxRetries);

    /**
     * Base delay before each retry, >= 0, which the backoff strategy may grow; shorter than a non-zero
     * {@link #maxDuration}. Default 0.
     */
    RetryOptions delay(Duration delay);

    /**
     * No retry starts once this much time has passed since the first attempt; >= 0, zero means no limit, and
     * otherwise longer than {@link #delay}. Default 180 s.
     */
    RetryOptions maxDuration(Duration maxDuration);

    /**
     * Each delay is moved by a uniform random amount in [-jitter, +jitter], never below 0; >= 0, zero turns it off.
     * Not added to {@link #fullJitterBackoff}, {@link #decorrelatedJitterBackoff} or a custom {@link #backoff}.
     * Default 200 ms.
     */
    RetryOptions jitter(Duration jitter);

    /**
     * Exceptions (with their subclasses) that cause a retry; replaces the previous list, and an empty one retries no
     * failure. Default {@link Exception}.
     */
    @SuppressWarnings("unchecked")
    RetryOptions retryOn(Class<? extends Throwable>... types);

    /**
     * Exceptions that never cause a retry, even if {@link #retryOn} names them or a superclass; replaces the previous
     * list. Default none.
     */
    @SuppressWarnings("unchecked")
    RetryOptions abortOn(Class<? extends Throwable>... types);

    /**
     * Also retries when the action returns a result this predicate accepts; when retrying stops, the last such
     * result is returned as it is. Default none; calling it again replaces the predicate.
     */
    RetryOptions retryIfResult(Predicate<Object> resultPredicate);

    /**
     * Called before each retry, with the retry's number (1 for the first) and the failure that caused it (null for a
     * rejected result). An exception it throws is logged and the retry goes ahead. Default none; calling it again
     * replaces the listener.
     */
    RetryOptions beforeRetry(BeforeRetryListener listener);

    /**
     * Waits {@code delay * factor^(n-1)} before retry n, capped at {@code maxDelay}, plus jitter; it grows
     * {@link #delay}, so with its default of 0 every delay stays 0. {@code factor} >= 1; {@code maxDelay} >= 0, and 0
     * means no cap (as in {@code @ExponentialBackoff}). Replaces any other strategy; the
     * default is the constant {@link #delay}.
     */
    RetryOptions exponentialBackoff(double factor, Duration maxDelay);

    /**
     * Waits delay, 2 delay, 3 delay, 5 delay, 8 delay, ... before retries 1, 2, 3, 4, 5, ..., the sequence of
     * {@code @FibonacciBackoff}, capped at {@code maxDelay} (>= 0; 0 means no cap, as in the annotation), plus jitter.
     * Replaces any other strategy.
     */
    RetryOptions fibonacciBackoff(Duration maxDelay);

    /**
     * Exponential with factor 2 capped at {@code maxDelay} (>= 0; 0 means no cap), then a uniform random delay in
     * [0, that]; no {@link #jitter} is added. Replaces any other strategy.
     */
    RetryOptions fullJitterBackoff(Duration maxDelay);

    /**
     * A uniform random delay in [delay, 3 * previous delay], capped at {@code maxDelay} (>= 0; 0 means no
     * cap); no {@link #jitter} is added. Replaces any other strategy.
     */
    RetryOptions decorrelatedJitterBackoff(Duration maxDelay);

    /** A strategy of the application's own (not null); {@link #jitter} is not added to it. Replaces any other. */
    RetryOptions backoff(Backoff backoff);

    /**
     * Caps retries with {@code budget} (not null), which other guards may share (see {@link RetryBudgets}); once it
     * is empty a call ends with its last failure. Default none: only {@link #maxRetries} and {@link #maxDuration}.
     */
    RetryOptions budget(RetryBudgetHandle budget);

    /** Listener called before each retry. */
    @FunctionalInterface
    interface BeforeRetryListener {
        /**
         * @param retry the number of the retry about to start: 1 for the first
         * @param cause the failure that causes it, or null when a rejected result does
         */
        void beforeRetry(int retry, Throwable cause);
    }
}
