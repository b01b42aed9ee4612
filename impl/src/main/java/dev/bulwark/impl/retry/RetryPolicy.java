package dev.bulwark.impl.retry;

import dev.bulwark.api.ResultRejectedException;
import dev.bulwark.api.RetryBudgetHandle;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The retry decisions, shared by both drivers: whether a failure may be retried, when retrying stops, and
 * how long to wait before the next attempt. Holds no per-call state; the drivers keep the count, the start
 * time and the previous delay.
 */
public final class RetryPolicy {

    private static final System.Logger LOG = System.getLogger(RetryPolicy.class.getName());

    private final RetrySpec spec;

    public RetryPolicy(RetrySpec spec) {
        this.spec = spec;
    }

    public RetrySpec spec() {
        return spec;
    }

    /** Whether {@code failure} may be retried at all (retryOn and not abortOn, or the application's predicate). */
    public boolean retriesOn(Throwable failure) {
        return spec.retryOn().test(failure);
    }

    /**
     * What a call whose last result was still rejected when retrying stopped ends with: the result itself, or
     * (with {@link RetrySpec#rejectedResultFails()}) a {@link ResultRejectedException} carrying it.
     */
    public Object exhausted(Object rejectedResult) {
        if (spec.rejectedResultFails()) {
            throw new ResultRejectedException(rejectedResult);
        }
        return rejectedResult;
    }

    /** Whether {@code result} must be retried as if it had failed. */
    public boolean retriesOnResult(Object result) {
        return spec.retryOnResult() != null && spec.retryOnResult().test(result);
    }

    /**
     * Why no further retry may start, or null if one may.
     *
     * @param retriesDone retries already made
     * @param elapsedNanos time since the first attempt started
     */
    public RetryOutcome stopReason(int retriesDone, long elapsedNanos) {
        if (spec.maxRetries() >= 0 && retriesDone >= spec.maxRetries()) {
            return RetryOutcome.MAX_RETRIES_REACHED;
        }
        if (spec.maxDurationNanos() > 0 && elapsedNanos >= spec.maxDurationNanos()) {
            return RetryOutcome.MAX_DURATION_REACHED;
        }
        return null;
    }

    /** Counts a call in the retry budget, if there is one; {@code nowNanos} is the engine clock's reading. */
    public void deposit(long nowNanos) {
        RetryBudgetHandle budget = spec.budget();
        if (budget instanceof TokenRetryBudget ours) {
            ours.deposit(nowNanos);
        } else if (budget != null) {
            budget.deposit();
        }
    }

    /** Takes a retry from the budget: false if it is empty (there is always room without one). */
    public boolean withdraw() {
        return spec.budget() == null || spec.budget().tryWithdraw();
    }

    /**
     * The delay before retry number {@code retry} (1 for the first), caused by {@code cause} (null for a rejected
     * result), jitter included, never negative.
     */
    public long delayNanos(int retry, long previousDelayNanos, Throwable cause) {
        long delay = spec.backoff().nextDelayNanos(retry, spec.delayNanos(), previousDelayNanos, cause);
        long jitter = spec.jitterApplies() ? spec.jitterNanos() : 0;
        if (jitter > 0) {
            delay += ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
        }
        return Math.max(delay, 0);
    }

    /** Tells the listener a retry is about to start; its exceptions are not the caller's problem. */
    public void beforeRetry(Object context, int retry, Throwable cause) {
        if (spec.beforeRetry() != null) {
            try {
                spec.beforeRetry().beforeRetry(context, retry, cause);
            } catch (RuntimeException e) {
                // Thrown out of the asynchronous driver's retry task it would leave the caller's future pending.
                LOG.log(System.Logger.Level.WARNING, "beforeRetry listener failed; retrying anyway", e);
            }
        }
    }
}
