package dev.bulwark.impl.retry;

import dev.bulwark.api.ResultRejectedException;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.stage.Around;
import dev.bulwark.impl.stage.Decision;
import dev.bulwark.impl.time.Clock;

/**
 * Retry as an around-stage: after each outcome, whether to retry (and after which delay) or end the call, with the
 * metrics of both; every decision is {@link RetryPolicy}'s. The per-call state (retries done, the last delay) is
 * created on the first outcome that is not a plain return. Its series: {@code ft.retry.calls.total} by
 * {@code retried} and {@code retryResult} ({@code retryBudgetExhausted} only with a budget), and
 * {@code ft.retry.retries.total}.
 */
public final class RetryStage extends Around {

    private static final RetryOutcome[] OUTCOMES = RetryOutcome.values();

    private final RetryPolicy policy;
    private final Clock clock;
    private final boolean synchronous;
    /** ft.retry.calls.total by [(retried ? OUTCOMES.length : 0) + outcome]. */
    private final Runnable[] calls = new Runnable[2 * OUTCOMES.length];
    private final Runnable retryStarted;

    /**
     * @param synchronous whether attempts run on the caller's thread: then an interrupted attempt (the caller's
     *        interrupt: shutdown, cancel) ends the call with its interrupt kept, never retried
     */
    public RetryStage(RetryPolicy policy, MetricsRecorder metrics, Clock clock, boolean synchronous) {
        this.policy = policy;
        this.clock = clock;
        this.synchronous = synchronous;
        boolean budget = policy.spec().budget() != null;
        for (int r = 0; r < 2; r++) {
            for (RetryOutcome outcome : OUTCOMES) {
                boolean possible = budget || outcome != RetryOutcome.RETRY_BUDGET_EXHAUSTED;
                calls[r * OUTCOMES.length + outcome.ordinal()] = possible ? metrics.counter("ft.retry.calls.total",
                        "retried", Boolean.toString(r == 1), "retryResult", outcome.tag()) : MetricsRecorder.NOTHING;
            }
        }
        this.retryStarted = metrics.counter("ft.retry.retries.total");
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
        ended(retried(prior), RetryOutcome.VALUE_RETURNED);
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
                ended(retried(prior), RetryOutcome.EXCEPTION_NOT_RETRYABLE);
                return null;
            }
        }
        Retries retries = prior == null ? new Retries() : (Retries) prior;
        RetryOutcome stop = policy.stopReason(retries.done, clock.nanoTime() - start);
        if (stop == null && !policy.withdraw()) {
            stop = RetryOutcome.RETRY_BUDGET_EXHAUSTED;
        }
        if (stop != null) {
            ended(retries.done > 0, stop);
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
                ended(retries.done > 0, late);
                return end(retries, decision.value(), decision.failure());
            }
        }
        retries.done++;
        retryStarted.run();
        policy.beforeRetry(context, retries.done, decision.failure());
        return retries;
    }

    @Override
    public Decision stopped(Decision decision) {
        // A retry decided but never run is tagged by the retries done, in every driver.
        ended(retried(decision), RetryOutcome.EXCEPTION_NOT_RETRYABLE);
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

    private void ended(boolean retried, RetryOutcome outcome) {
        calls[(retried ? OUTCOMES.length : 0) + outcome.ordinal()].run();
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
