package dev.bulwark.cdi.metrics;

import static dev.bulwark.cdi.metrics.FtMetric.*;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.shared.SharedName;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.metrics.MetricsRecorder;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

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
    /** Where the series that added stages declare are registered, with the operation's {@code method} tag. */
    Meters<C, D> meters;
    /** The method's meters, without a partition tag; {@link #meters} is these unless the series are a partition's. */
    Meters<C, D> methodMeters;
    /** A tagged partition's meters, to remove when it is released; null otherwise. */
    PartitionMeters<C, D> partitionMeters;
    String method;

    abstract void increment(C counter);

    abstract void record(D duration, long nanos);

    /**
     * Registers every meter of {@code operation} with {@code meters} (counters at zero, so a scrape shows them before
     * the first call) and keeps them in {@code r}; gauges read the operation's live state.
     */
    static <C, D, R extends SlotRecorder<C, D>> R fill(R r, Operation operation, Meters<C, D> meters) {
        return fill(r, operation, meters, null);
    }

    /**
     * As {@link #fill(SlotRecorder, Operation, Meters)}, for one partition whose series carry a {@code partition}
     * tag when {@code partition} is not null; the method's own series ({@link #perMethod}) go to {@code meters}.
     */
    @SuppressWarnings("unchecked")
    static <C, D, R extends SlotRecorder<C, D>> R fill(R r, Operation operation, Meters<C, D> methodMeters,
            String partition) {
        OperationSpec spec = operation.spec();
        String method = spec.name();
        r.methodMeters = methodMeters;
        Meters<C, D> meters = methodMeters;
        if (partition != null) {
            r.partitionMeters = new PartitionMeters<>(methodMeters, partition);
            meters = r.partitionMeters;
        }
        r.meters = meters;
        r.method = method;
        boolean hasFallback = spec.fallback() != null;
        r.invocations = (C[]) new Object[6];
        for (int returned = 0; returned < 2; returned++) {
            for (int use = 0; use < 3; use++) {
                if (hasFallback != (use == 2)) {
                    r.invocations[invocationSlot(returned == 0, use)] = meters.counter(INVOCATIONS, METHOD, method,
                            "result", result(returned == 0), "fallback", FALLBACK[use]);
                }
            }
        }
        if (spec.retry() != null) {
            r.retryCalls = (C[]) new Object[10];
            int outcomes = spec.retry().budget() != null ? 5 : 4;
            for (int retried = 0; retried < 2; retried++) {
                for (int outcome = 0; outcome < outcomes; outcome++) {
                    r.retryCalls[retrySlot(retried == 1, outcome)] = meters.counter(RETRY_CALLS, METHOD, method,
                            "retried", Boolean.toString(retried == 1), "retryResult", RETRY_RESULT[outcome]);
                }
            }
            r.retries = meters.counter(RETRY_RETRIES, METHOD, method);
        }
        if (spec.timeout() != null) {
            r.timedOut = meters.counter(TIMEOUT_CALLS, METHOD, method, "timedOut", "true");
            r.notTimedOut = meters.counter(TIMEOUT_CALLS, METHOD, method, "timedOut", "false");
            r.timeoutDuration = meters.duration(TIMEOUT_DURATION, METHOD, method);
        }
        CircuitBreaker breaker = operation.circuitBreaker();
        if (breaker != null) {
            r.breakerCalls = (C[]) new Object[BREAKER_RESULT.length];
            for (int result = 0; result < breakerResults(breaker); result++) {
                r.breakerCalls[result] = meters.counter(BREAKER_CALLS, METHOD, method, "circuitBreakerResult",
                        BREAKER_RESULT[result]);
            }
            CircuitState[] shown = {CircuitState.CLOSED, CircuitState.OPEN, CircuitState.HALF_OPEN};
            for (int state = 0; state < 3; state++) {
                int index = state;
                meters.timeGauge(BREAKER_STATE, () -> BreakerTime.nanos(breaker, index), METHOD, method, "state",
                        BREAKER_STATES[state]);
                if (meters.currentStateGauges()) {
                    meters.gauge(BREAKER_STATE_CURRENT, () -> BreakerTime.shows(breaker, shown[index]) ? 1 : 0,
                            METHOD, method, "state", BREAKER_STATES[state]);
                }
            }
            C opened = meters.counter(BREAKER_OPENED, METHOD, method);
            breaker.onStateChange((name, from, to) -> {
                if (to == CircuitState.OPEN) {
                    r.increment(opened);
                }
            });
        }
        if (spec.bulkhead() != null) {
            r.bulkheadAccepted = meters.counter(BULKHEAD_CALLS, METHOD, method, "bulkheadResult", "accepted");
            r.bulkheadRejected = meters.counter(BULKHEAD_CALLS, METHOD, method, "bulkheadResult", "rejected");
            r.bulkheadRunning = meters.duration(BULKHEAD_RUNNING_DURATION, METHOD, method);
            if (operation.queueingBulkhead() != null) {
                meters.gauge(BULKHEAD_RUNNING, () -> operation.queueingBulkhead().running(), METHOD, method);
                meters.gauge(BULKHEAD_WAITING, () -> operation.queueingBulkhead().waiting(), METHOD, method);
                r.bulkheadWaiting = meters.duration(BULKHEAD_WAITING_DURATION, METHOD, method);
            } else {
                meters.gauge(BULKHEAD_RUNNING, () -> operation.semaphoreBulkhead().running(), METHOD, method);
            }
        }
        if (spec.rateLimit() != null) {
            r.permitted = meters.counter(RATELIMIT_CALLS, METHOD, method, "rateLimitResult", "permitted");
            r.rejected = meters.counter(RATELIMIT_CALLS, METHOD, method, "rateLimitResult", "rejected");
        }
        SharedName shared = spec.sharedRateLimit() != null ? spec.sharedRateLimit() : spec.sharedCircuitBreaker();
        if (shared != null) {
            meters.gauge(SHARED_STORE_AVAILABLE, () -> shared.store().available() ? 1 : 0, METHOD, method);
        }
        return r;
    }

    @Override
    public final Runnable counter(String name, String... tags) {
        C counter = meters.counter(name, tagged(tags));
        return () -> increment(counter);
    }

    @Override
    public final LongConsumer duration(String name, String... tags) {
        D duration = meters.duration(name, tagged(tags));
        return nanos -> record(duration, nanos);
    }

    @Override
    public final void gauge(String name, LongSupplier value, String... tags) {
        meters.gauge(name, value, tagged(tags));
    }

    @Override
    public final MetricsRecorder perMethod() {
        if (partitionMeters == null) {
            return this;
        }
        SlotRecorder<C, D> self = this;
        return new MetricsRecorder() {
            @Override
            public Runnable counter(String name, String... tags) {
                C counter = methodMeters.counter(name, tagged(tags));
                return () -> self.increment(counter);
            }

            @Override
            public LongConsumer duration(String name, String... tags) {
                D duration = methodMeters.duration(name, tagged(tags));
                return nanos -> self.record(duration, nanos);
            }

            @Override
            public void gauge(String name, LongSupplier value, String... tags) {
                methodMeters.gauge(name, value, tagged(tags));
            }
        };
    }

    @Override
    public final void release() {
        if (partitionMeters != null) {
            partitionMeters.removeAll();
        }
    }

    /** {@code method} first, as every series of the operation has it. */
    private String[] tagged(String[] tags) {
        String[] all = new String[tags.length + 2];
        all[0] = METHOD;
        all[1] = method;
        System.arraycopy(tags, 0, all, 2, tags.length);
        return all;
    }

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
            C c = retryCalls[retrySlot(retried, outcome.ordinal())];
            if (c != null) {
                increment(c);
            }
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
