package dev.bulwark.impl.retry;

import static dev.bulwark.impl.Preconditions.atLeast;
import static dev.bulwark.impl.Preconditions.check;
import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.Backoff;
import dev.bulwark.api.RetryOptions.BeforeRetryListener;
import dev.bulwark.impl.exception.ExceptionMatcher;
import java.util.function.Predicate;

/**
 * Immutable retry settings, validated at construction.
 *
 * @param maxRetries retries after the first attempt; -1 means unlimited
 * @param delayNanos base delay before each retry, >= 0
 * @param maxDurationNanos no retry starts once this long has passed since the first attempt; 0 = no limit
 * @param jitterNanos each delay moves by a uniform random amount in [-jitter, jitter]; >= 0
 * @param retryOn which failures are retried (retryOn included, abortOn excluded)
 * @param backoff how delays grow; {@link Backoffs#CONSTANT} is the spec's behaviour
 * @param jitterApplies whether {@code jitterNanos} is added to what {@code backoff} returns
 * @param retryOnResult results that are retried as if they had failed; null for none
 * @param beforeRetry called before each retry; null for none
 */
public record RetrySpec(
        int maxRetries,
        long delayNanos,
        long maxDurationNanos,
        long jitterNanos,
        ExceptionMatcher retryOn,
        Backoff backoff,
        boolean jitterApplies,
        Predicate<Object> retryOnResult,
        BeforeRetryListener beforeRetry) {

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

    /** The spec's retry: constant delay plus jitter, no result predicate, no listener. */
    public static RetrySpec of(int maxRetries, long delayNanos, long maxDurationNanos, long jitterNanos,
            ExceptionMatcher retryOn) {
        return new RetrySpec(maxRetries, delayNanos, maxDurationNanos, jitterNanos, retryOn, Backoffs.CONSTANT, true,
                null, null);
    }
}
