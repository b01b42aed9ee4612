package dev.bulwark.cdi.metrics;

import static dev.bulwark.cdi.metrics.FtMetric.invocationSlot;
import static dev.bulwark.cdi.metrics.FtMetric.retrySlot;

import dev.bulwark.impl.metrics.MetricsRecorder;

/**
 * The meters of one operation, registered up front and held in fields and slot arrays, for a registry whose counters
 * and duration meters are objects ({@code C} and {@code D}: MP Metrics' Counter and Histogram, Micrometer's Counter and
 * Timer). Null where the operation has no such stage; recording only picks the meter and updates it.
 */
abstract class SlotRecorder<C, D> implements MetricsRecorder {

    C[] invocations;
    C[] retryCalls;
    C retries;
    C timedOut;
    C notTimedOut;
    D timeoutDuration;
    C[] breakerCalls;
    C bulkheadAccepted;
    C bulkheadRejected;
    D bulkheadRunning;
    D bulkheadWaiting;
    C permitted;
    C rejected;

    abstract void increment(C counter);

    abstract void record(D duration, long nanos);

    @Override
    public final void invocation(boolean valueReturned, FallbackUse fallback) {
        C c = invocations[invocationSlot(valueReturned, fallback.ordinal())];
        if (c != null) {
            increment(c);
        }
    }

    @Override
    public final void retryCall(boolean retried, RetryOutcome outcome) {
        if (retryCalls != null) {
            increment(retryCalls[retrySlot(retried, outcome.ordinal())]);
        }
    }

    @Override
    public final void retried() {
        if (retries != null) {
            increment(retries);
        }
    }

    @Override
    public final void timeoutCall(boolean wasTimedOut, long executionNanos) {
        if (timeoutDuration != null) {
            increment(wasTimedOut ? timedOut : notTimedOut);
            record(timeoutDuration, executionNanos);
        }
    }

    @Override
    public final void circuitBreakerCall(CircuitBreakerResult result) {
        if (breakerCalls != null) {
            increment(breakerCalls[result.ordinal()]);
        }
    }

    @Override
    public final void bulkheadCall(boolean accepted) {
        if (bulkheadAccepted != null) {
            increment(accepted ? bulkheadAccepted : bulkheadRejected);
        }
    }

    @Override
    public final void bulkheadRunning(long nanos) {
        if (bulkheadRunning != null) {
            record(bulkheadRunning, nanos);
        }
    }

    @Override
    public final void bulkheadWaiting(long nanos) {
        if (bulkheadWaiting != null) {
            record(bulkheadWaiting, nanos);
        }
    }

    @Override
    public final void rateLimitCall(boolean wasPermitted) {
        if (permitted != null) {
            increment(wasPermitted ? permitted : rejected);
        }
    }
}
