package dev.bulwark.impl.retry;

import dev.bulwark.api.ResultRejectedException;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.metrics.MetricsRecorder.RetryOutcome;
import dev.bulwark.impl.stage.Around;
import dev.bulwark.impl.stage.Decision;
import dev.bulwark.impl.time.Clock;

/**
 * Retry as an around-stage: after each outcome, whether to retry (and after which delay) or end the call, with the
 * metrics of both; every decision is {@link RetryPolicy}'s. The per-call state (retries done, the last delay) is
 * created on the first outcome that is not a plain return.
 */
public final class RetryStage extends Around {

    private final RetryPolicy policy;
    private final MetricsRecorder metrics;
    private final Clock clock;
    private final boolean synchronous;

    /**
     * @param synchronous whether attempts run on the caller's thread: then an interrupted attempt (the caller's
     *        interrupt: shutdown, cancel) ends the call with its interrupt kept, never retried
     */
    public RetryStage(RetryPolicy policy, MetricsRecorder metrics, Clock clock, boolean synchronous) {
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
        this.synchronous = synchronous;
    }

    @Override
    public long begin() {
        // A coarse reading, never ahead of the precise ones next() compares it with: maxDuration may end retrying up
        // to about a millisecond early, never late, and a call that succeeds at once reads no precise clock at all.
        long now = clock.coarseNanoTime();
        policy.deposit(now);
        return now;
    }

    @Override
    public boolean ends(Object value, Decision prior) {
        if (policy.retriesOnResult(value)) {
            return false;
        }
        metrics.retryCall(retried(prior), RetryOutcome.VALUE_RETURNED);
        return true;
    }

    @Override
    public Decision next(Decision prior, long start, Object value, Throwable failure, Object context) {
        if (failure != null) {
            boolean interrupted = synchronous && failure instanceof InterruptedException;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (interrupted || !policy.retriesOn(failure)) {
                metrics.retryCall(retried(prior), RetryOutcome.EXCEPTION_NOT_RETRYABLE);
                return null;
            }
        }
        Retries retries = prior == null ? new Retries() : (Retries) prior;
        RetryOutcome stop = policy.stopReason(retries.done, clock.nanoTime() - start);
        if (stop == null && !policy.withdraw()) {
            stop = RetryOutcome.RETRY_BUDGET_EXHAUSTED;
        }
        if (stop != null) {
            metrics.retryCall(retries.done > 0, stop);
            return end(retries, value, failure);
        }
        long delay = policy.delayNanos(retries.done + 1, retries.previousDelay, failure);
        retries.previousDelay = delay;
        return retries.again(delay, value, failure);
    }

    @Override
    public Decision resume(Decision decision, long start, Object context) {
        Retries retries = (Retries) decision;
        if (decision.delayNanos() > 0) {
            // Waiting may have used up the time allowed.
            RetryOutcome late = policy.stopReason(retries.done, clock.nanoTime() - start);
            if (late != null) {
                metrics.retryCall(retries.done > 0, late);
                return end(retries, decision.value(), decision.failure());
            }
        }
        retries.done++;
        metrics.retried();
        policy.beforeRetry(context, retries.done, decision.failure());
        return retries;
    }

    @Override
    public Decision stopped(Decision decision) {
        // A retry decided but never run is tagged by the retries done, in every driver.
        metrics.retryCall(retried(decision), RetryOutcome.EXCEPTION_NOT_RETRYABLE);
        return decision.fails(decision.failure());
    }

    /** Ends a call whose last outcome was to be retried but may not be: its failure, or its rejected result. */
    private Decision end(Retries retries, Object value, Throwable failure) {
        if (failure != null) {
            return retries.fails(failure);
        }
        try {
            return retries.returns(policy.exhausted(value));
        } catch (ResultRejectedException rejected) {
            return retries.fails(rejected);
        }
    }

    private static boolean retried(Decision prior) {
        return prior != null && ((Retries) prior).done > 0;
    }

    /** One call's retries so far. */
    private static final class Retries extends Decision {
        int done;
        long previousDelay;
    }
}
