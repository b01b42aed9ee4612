package dev.bulwark.api;

import java.time.Duration;
import java.util.function.Predicate;

/** Retry settings; defaults are the MP FT {@code @Retry} defaults. */
public interface RetryOptions {

    /** Retries after the first attempt; -1 means no limit. Default 3. */
    RetryOptions maxRetries(int maxRetries);

    /** Base delay between attempts, >= 0. Default 0. */
    RetryOptions delay(Duration delay);

    /** No retry starts once this much time has passed since the first attempt; zero means no limit. Default 180 s. */
    RetryOptions maxDuration(Duration maxDuration);

    /** Each delay is moved by a uniform random amount in [-jitter, +jitter], never below 0. Default 200 ms. */
    RetryOptions jitter(Duration jitter);

    /** Exceptions that cause a retry. Default {@link Exception}. */
    @SuppressWarnings("unchecked")
    RetryOptions retryOn(Class<? extends Throwable>... types);

    /** Exceptions that never cause a retry, even if {@link #retryOn} names them or a superclass. */
    @SuppressWarnings("unchecked")
    RetryOptions abortOn(Class<? extends Throwable>... types);

    /** Also retry when the action returns a result this predicate accepts. */
    RetryOptions retryIfResult(Predicate<Object> resultPredicate);

    /** Called before each retry, with the retry's number (1 for the first) and the failure that caused it. */
    RetryOptions beforeRetry(BeforeRetryListener listener);

    /** delay * factor^(n-1), capped at maxDelay, plus jitter. */
    RetryOptions exponentialBackoff(double factor, Duration maxDelay);

    /** delay * fib(n) (1, 1, 2, 3, 5, ...), capped at maxDelay, plus jitter. */
    RetryOptions fibonacciBackoff(Duration maxDelay);

    /** Exponential with factor 2 capped at maxDelay, then a uniform random delay in [0, that]. */
    RetryOptions fullJitterBackoff(Duration maxDelay);

    /** A uniform random delay in [delay, 3 * previous delay], capped at maxDelay. */
    RetryOptions decorrelatedJitterBackoff(Duration maxDelay);

    /** A strategy of the application's own; {@link #jitter} is not added to it. */
    RetryOptions backoff(Backoff backoff);

    /** Caps retries with {@code budget}, which other guards may share (see {@link RetryBudgets}). */
    RetryOptions budget(RetryBudgetHandle budget);

    /** Listener called before each retry. */
    @FunctionalInterface
    interface BeforeRetryListener {
        void beforeRetry(int retry, Throwable cause);
    }
}
