package dev.bulwark.impl.retry;

import dev.bulwark.api.RetryBudgetHandle;
import static dev.bulwark.impl.Preconditions.atLeast;
import static dev.bulwark.impl.Preconditions.check;
import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.Backoff;
import dev.bulwark.api.RetryOptions.BeforeRetryListener;
import java.util.function.Predicate;

/**
 * Immutable retry settings, validated at construction.
 *
 * @param maxRetries retries after the first attempt; -1 means unlimited
 * @param delayNanos base delay before each retry, >= 0
 * @param maxDurationNanos no retry starts once this long has passed since the first attempt; 0 = no limit
 * @param jitterNanos each delay moves by a uniform random amount in [-jitter, jitter]; >= 0
 * @param retryOn which failures are retried (the spec's retryOn/abortOn as an {@code ExceptionMatcher}, or a
 *        predicate of the application's)
 * @param backoff how delays grow; {@link Backoffs#CONSTANT} is the spec's behaviour
 * @param jitterApplies whether {@code jitterNanos} is added to what {@code backoff} returns
 * @param retryOnResult results that are retried as if they had failed; null for none
 * @param beforeRetry called before each retry; null for none
 * @param rejectedResultFails whether a result still rejected when retrying stops ends the call with a
 *        {@code ResultRejectedException} (the annotations' rule, so a fallback can apply) rather than being returned
 *        (the programmatic API's rule)
 * @param budget caps retries as a share of the calls made; null for none
 */
public record RetrySpec(
        int maxRetries,
        long delayNanos,
        long maxDurationNanos,
        long jitterNanos,
        Predicate<Throwable> retryOn,
        Backoff backoff,
        boolean jitterApplies,
        Predicate<Object> retryOnResult,
        RetryObserver beforeRetry,
        boolean rejectedResultFails,
        RetryBudgetHandle budget) {

    public RetrySpec {
        atLeast(maxRetries, -1, "maxRetries");
        atLeast(delayNanos, 0, "delay");
        atLeast(maxDurationNanos, 0, "maxDuration");
        atLeast(jitterNanos, 0, "jitter");
        notNull(retryOn, "retryOn");
        notNull(backoff, "backoff");
        check(maxDurationNanos == 0 || maxDurationNanos > delayNanos,
                "maxDuration must be greater than delay, was maxDuration=" + maxDurationNanos + "ns, delay="
                        + delayNanos + "ns");
    }

    /** A retry without a budget. */
    public RetrySpec(int maxRetries, long delayNanos, long maxDurationNanos, long jitterNanos,
            Predicate<Throwable> retryOn, Backoff backoff, boolean jitterApplies, Predicate<Object> retryOnResult,
            RetryObserver beforeRetry, boolean rejectedResultFails) {
        this(maxRetries, delayNanos, maxDurationNanos, jitterNanos, retryOn, backoff, jitterApplies, retryOnResult,
                beforeRetry, rejectedResultFails, null);
    }

    /** The programmatic API's retry: a listener that is not told the call's context, the last result returned. */
    public RetrySpec(int maxRetries, long delayNanos, long maxDurationNanos, long jitterNanos,
            Predicate<Throwable> retryOn, Backoff backoff, boolean jitterApplies, Predicate<Object> retryOnResult,
            BeforeRetryListener beforeRetry) {
        this(maxRetries, delayNanos, maxDurationNanos, jitterNanos, retryOn, backoff, jitterApplies, retryOnResult,
                beforeRetry == null ? null : (context, retry, cause) -> beforeRetry.beforeRetry(retry, cause), false);
    }

    /** The spec's retry: constant delay plus jitter, no result predicate, no listener. */
    public static RetrySpec of(int maxRetries, long delayNanos, long maxDurationNanos, long jitterNanos,
            Predicate<Throwable> retryOn) {
        return new RetrySpec(maxRetries, delayNanos, maxDurationNanos, jitterNanos, retryOn, Backoffs.CONSTANT, true,
                null, null, false);
    }

    /** This retry with other growth of its delays. */
    public RetrySpec withBackoff(Backoff newBackoff, boolean newJitterApplies) {
        return new RetrySpec(maxRetries, delayNanos, maxDurationNanos, jitterNanos, retryOn, newBackoff,
                newJitterApplies, retryOnResult, beforeRetry, rejectedResultFails, budget);
    }

    /** This retry deciding with {@code newRetryOn} which failures to retry. */
    public RetrySpec withRetryOn(Predicate<Throwable> newRetryOn) {
        return new RetrySpec(maxRetries, delayNanos, maxDurationNanos, jitterNanos, newRetryOn, backoff,
                jitterApplies, retryOnResult, beforeRetry, rejectedResultFails, budget);
    }

    /** This retry also retrying the results {@code predicate} accepts, failing when they are all rejected. */
    public RetrySpec withRejectedResults(Predicate<Object> predicate) {
        return new RetrySpec(maxRetries, delayNanos, maxDurationNanos, jitterNanos, retryOn, backoff,
                jitterApplies, predicate, beforeRetry, true, budget);
    }

    /** This retry telling {@code observer} of each retry. */
    public RetrySpec withBeforeRetry(RetryObserver observer) {
        return new RetrySpec(maxRetries, delayNanos, maxDurationNanos, jitterNanos, retryOn, backoff,
                jitterApplies, retryOnResult, observer, rejectedResultFails, budget);
    }

    /** This retry capped by {@code newBudget} (null: none). */
    public RetrySpec withBudget(RetryBudgetHandle newBudget) {
        return new RetrySpec(maxRetries, delayNanos, maxDurationNanos, jitterNanos, retryOn, backoff,
                jitterApplies, retryOnResult, beforeRetry, rejectedResultFails, newBudget);
    }
}
