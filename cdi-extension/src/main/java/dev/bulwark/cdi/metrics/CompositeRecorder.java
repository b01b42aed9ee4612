package dev.bulwark.cdi.metrics;

import dev.bulwark.impl.metrics.MetricsRecorder;

/** Hands every event to two recorders, for an application that has both MP Metrics and MP Telemetry. */
final class CompositeRecorder implements MetricsRecorder {

    private final MetricsRecorder first;
    private final MetricsRecorder second;

    CompositeRecorder(MetricsRecorder first, MetricsRecorder second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void invocation(boolean valueReturned, FallbackUse fallback) {
        first.invocation(valueReturned, fallback);
        second.invocation(valueReturned, fallback);
    }

    @Override
    public void retryCall(boolean retried, RetryOutcome outcome) {
        first.retryCall(retried, outcome);
        second.retryCall(retried, outcome);
    }

    @Override
    public void retried() {
        first.retried();
        second.retried();
    }

    @Override
    public void timeoutCall(boolean timedOut, long executionNanos) {
        first.timeoutCall(timedOut, executionNanos);
        second.timeoutCall(timedOut, executionNanos);
    }

    @Override
    public void circuitBreakerCall(CircuitBreakerResult result) {
        first.circuitBreakerCall(result);
        second.circuitBreakerCall(result);
    }

    @Override
    public void bulkheadCall(boolean accepted) {
        first.bulkheadCall(accepted);
        second.bulkheadCall(accepted);
    }

    @Override
    public void bulkheadRunning(long nanos) {
        first.bulkheadRunning(nanos);
        second.bulkheadRunning(nanos);
    }

    @Override
    public void bulkheadWaiting(long nanos) {
        first.bulkheadWaiting(nanos);
        second.bulkheadWaiting(nanos);
    }

    @Override
    public void rateLimitCall(boolean permitted) {
        first.rateLimitCall(permitted);
        second.rateLimitCall(permitted);
    }
}
