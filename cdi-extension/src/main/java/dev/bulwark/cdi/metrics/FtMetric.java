package dev.bulwark.cdi.metrics;

/** The names, tags and tag values of the MP FT metrics chapter (and Bulwark's rate-limit metric). */
final class FtMetric {

    private FtMetric() {
    }

    static final String INVOCATIONS = "ft.invocations.total";
    static final String RETRY_CALLS = "ft.retry.calls.total";
    static final String RETRY_RETRIES = "ft.retry.retries.total";
    static final String TIMEOUT_CALLS = "ft.timeout.calls.total";
    static final String TIMEOUT_DURATION = "ft.timeout.executionDuration";
    static final String BREAKER_CALLS = "ft.circuitbreaker.calls.total";
    static final String BREAKER_STATE = "ft.circuitbreaker.state.total";
    static final String BREAKER_OPENED = "ft.circuitbreaker.opened.total";
    /** Not in the spec: 1 for the breaker's current state; SmallRye FT's Micrometer dashboards read it. */
    static final String BREAKER_STATE_CURRENT = "ft.circuitbreaker.state.current";
    static final String BULKHEAD_CALLS = "ft.bulkhead.calls.total";
    static final String BULKHEAD_RUNNING = "ft.bulkhead.executionsRunning";
    static final String BULKHEAD_WAITING = "ft.bulkhead.executionsWaiting";
    static final String BULKHEAD_RUNNING_DURATION = "ft.bulkhead.runningDuration";
    static final String BULKHEAD_WAITING_DURATION = "ft.bulkhead.waitingDuration";
    static final String RATELIMIT_CALLS = "ft.ratelimit.calls.total";
    /** Bulwark's own, for {@code @Shared} methods: 1 while the shared store answers, 0 while the replica decides alone. */
    static final String SHARED_STORE_AVAILABLE = "ft.shared.store.available";

    static final String METHOD = "method";

    /** {@code result} of ft.invocations.total, by whether a value was returned. */
    static String result(boolean valueReturned) {
        return valueReturned ? "valueReturned" : "exceptionThrown";
    }

    /** Where the ft.invocations.total series of a result and FallbackUse ordinal sits in a recorder's array of 6. */
    static int invocationSlot(boolean valueReturned, int fallbackUse) {
        return (valueReturned ? 0 : 3) + fallbackUse;
    }

    /** Where the ft.retry.calls.total series of a retried flag and RetryOutcome ordinal sits in an array of 10. */
    static int retrySlot(boolean retried, int outcome) {
        return (retried ? 5 : 0) + outcome;
    }

    static final String[] FALLBACK = {"applied", "notApplied", "notDefined"}; // by FallbackUse ordinal
    /** By RetryOutcome ordinal; the last, Bulwark's own, only for methods with a retry budget. */
    static final String[] RETRY_RESULT = {"valueReturned", "exceptionNotRetryable", "maxRetriesReached",
        "maxDurationReached", "retryBudgetExhausted"};
    static final String[] BREAKER_RESULT = {"success", "failure", "circuitBreakerOpen", "slowCall"}; // by ordinal

    /** How many {@link #BREAKER_RESULT} series a breaker has: {@code slowCall} only when it judges slowness. */
    static int breakerResults(dev.bulwark.impl.circuitbreaker.CircuitBreaker breaker) {
        return breaker.spec().slowCallNanos() > 0 ? BREAKER_RESULT.length : BREAKER_RESULT.length - 1;
    }
    static final String[] BREAKER_STATES = {"closed", "open", "halfOpen"};
}
