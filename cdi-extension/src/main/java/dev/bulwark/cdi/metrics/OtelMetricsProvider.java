package dev.bulwark.cdi.metrics;

import static dev.bulwark.cdi.metrics.FtMetric.*;

import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.shared.SharedName;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.chain.MetricsProvider;
import dev.bulwark.impl.metrics.MetricsRecorder;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Publishes each operation's metrics through OpenTelemetry (MP Telemetry), as the MP FT metrics chapter names
 * them: counters without a unit, durations as histograms in seconds, time per breaker state as an
 * asynchronous counter in nanoseconds and bulkhead occupancy as asynchronous up-down counters. Attributes are
 * built once per operation, so recording allocates nothing of ours.
 */
public final class OtelMetricsProvider implements MetricsProvider {

    private static final AttributeKey<String> METHOD_KEY = AttributeKey.stringKey(METHOD);
    // The MP FT spec's bucket bounds for durations in seconds (the SDK's defaults assume milliseconds).
    private static final List<Double> SECONDS_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5,
            0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    private final Meter meter;
    private final LongCounter invocations;
    private final LongCounter retryCalls;
    private final LongCounter retries;
    private final LongCounter timeoutCalls;
    private final DoubleHistogram timeoutDuration;
    private final LongCounter breakerCalls;
    private final LongCounter bulkheadCalls;
    private final DoubleHistogram bulkheadRunning;
    private final DoubleHistogram bulkheadWaiting;
    private final LongCounter rateLimitCalls;

    public OtelMetricsProvider(Meter meter) {
        this.meter = meter;
        invocations = meter.counterBuilder(INVOCATIONS).build();
        retryCalls = meter.counterBuilder(RETRY_CALLS).build();
        retries = meter.counterBuilder(RETRY_RETRIES).build();
        timeoutCalls = meter.counterBuilder(TIMEOUT_CALLS).build();
        timeoutDuration = seconds(TIMEOUT_DURATION);
        breakerCalls = meter.counterBuilder(BREAKER_CALLS).build();
        bulkheadCalls = meter.counterBuilder(BULKHEAD_CALLS).build();
        bulkheadRunning = seconds(BULKHEAD_RUNNING_DURATION);
        bulkheadWaiting = seconds(BULKHEAD_WAITING_DURATION);
        rateLimitCalls = meter.counterBuilder(RATELIMIT_CALLS).build();
    }

    private DoubleHistogram seconds(String name) {
        return meter.histogramBuilder(name).setUnit("seconds").setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS)
                .build();
    }

    @Override
    public MetricsRecorder recorderFor(Operation operation) {
        OperationSpec spec = operation.spec();
        Attributes method = Attributes.of(METHOD_KEY, spec.name());
        Recorder r = new Recorder();
        r.invocations = new Attributes[6];
        for (int returned = 0; returned < 2; returned++) {
            for (int use = 0; use < 3; use++) {
                r.invocations[invocationSlot(returned == 0, use)] = with(method, "result", result(returned == 0), "fallback",
                        FALLBACK[use]);
            }
        }
        r.method = method;
        if (spec.retry() != null) {
            r.retryCalls = new Attributes[10];
            int outcomes = spec.retry().budget() != null ? 5 : 4;
            for (int retried = 0; retried < 2; retried++) {
                for (int outcome = 0; outcome < outcomes; outcome++) {
                    r.retryCalls[retrySlot(retried == 1, outcome)] = with(method, "retried", Boolean.toString(retried == 1),
                            "retryResult", RETRY_RESULT[outcome]);
                }
            }
        }
        if (spec.timeout() != null) {
            r.timedOut = with(method, "timedOut", "true");
            r.notTimedOut = with(method, "timedOut", "false");
        }
        CircuitBreaker breaker = operation.circuitBreaker();
        if (breaker != null) {
            r.breakerCalls = new Attributes[BREAKER_RESULT.length];
            for (int result = 0; result < breakerResults(breaker); result++) {
                r.breakerCalls[result] = with(method, "circuitBreakerResult", BREAKER_RESULT[result]);
            }
            Attributes[] states = new Attributes[3];
            for (int state = 0; state < 3; state++) {
                states[state] = with(method, "state", BREAKER_STATES[state]);
            }
            meter.counterBuilder(BREAKER_STATE).setUnit("nanoseconds").buildWithCallback(m -> {
                for (int state = 0; state < 3; state++) {
                    m.record(BreakerTime.nanos(breaker, state), states[state]);
                }
            });
            meter.counterBuilder(BREAKER_OPENED).buildWithCallback(m -> m.record(breaker.timesOpened(), method));
        }
        if (spec.bulkhead() != null) {
            r.bulkheadAccepted = with(method, "bulkheadResult", "accepted");
            r.bulkheadRejected = with(method, "bulkheadResult", "rejected");
            if (operation.queueingBulkhead() != null) {
                occupancy(BULKHEAD_RUNNING, () -> operation.queueingBulkhead().running(), method);
                occupancy(BULKHEAD_WAITING, () -> operation.queueingBulkhead().waiting(), method);
            } else {
                occupancy(BULKHEAD_RUNNING, () -> operation.semaphoreBulkhead().running(), method);
            }
        }
        if (spec.rateLimit() != null) {
            r.permitted = with(method, "rateLimitResult", "permitted");
            r.rejected = with(method, "rateLimitResult", "rejected");
        }
        SharedName shared = spec.sharedRateLimit() != null ? spec.sharedRateLimit() : spec.sharedCircuitBreaker();
        if (shared != null) {
            occupancy(SHARED_STORE_AVAILABLE, () -> shared.store().available() ? 1 : 0, method);
        }
        return r;
    }

    private void occupancy(String name, LongSupplier read, Attributes method) {
        meter.upDownCounterBuilder(name).buildWithCallback(m -> m.record(read.getAsLong(), method));
    }

    private static Attributes with(Attributes base, String key, String value) {
        return base.toBuilder().put(key, value).build();
    }

    private static Attributes with(Attributes base, String k1, String v1, String k2, String v2) {
        return base.toBuilder().put(k1, v1).put(k2, v2).build();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The attribute sets of one operation; null where the operation has no such stage. */
    private final class Recorder implements MetricsRecorder {
        Attributes method;
        Attributes[] invocations;
        Attributes[] retryCalls;
        Attributes timedOut;
        Attributes notTimedOut;
        Attributes[] breakerCalls;
        Attributes bulkheadAccepted;
        Attributes bulkheadRejected;
        Attributes permitted;
        Attributes rejected;

        @Override
        public void invocation(boolean valueReturned, FallbackUse fallback) {
            OtelMetricsProvider.this.invocations.add(1, invocations[invocationSlot(valueReturned, fallback.ordinal())]);
        }

        @Override
        public void retryCall(boolean retried, RetryOutcome outcome) {
            Attributes series = retryCalls == null ? null : retryCalls[retrySlot(retried, outcome.ordinal())];
            if (series != null) {
                OtelMetricsProvider.this.retryCalls.add(1, series);
            }
        }

        @Override
        public void retried() {
            if (retryCalls != null) {
                retries.add(1, method);
            }
        }

        @Override
        public void timeoutCall(boolean wasTimedOut, long executionNanos) {
            if (timedOut != null) {
                timeoutCalls.add(1, wasTimedOut ? timedOut : notTimedOut);
                timeoutDuration.record(seconds(executionNanos), method);
            }
        }

        @Override
        public void circuitBreakerCall(CircuitBreakerResult result) {
            if (breakerCalls != null) {
                OtelMetricsProvider.this.breakerCalls.add(1, breakerCalls[result.ordinal()]);
            }
        }

        @Override
        public void bulkheadCall(boolean accepted) {
            if (bulkheadAccepted != null) {
                bulkheadCalls.add(1, accepted ? bulkheadAccepted : bulkheadRejected);
            }
        }

        @Override
        public void bulkheadRunning(long nanos) {
            bulkheadRunning.record(seconds(nanos), method);
        }

        @Override
        public void bulkheadWaiting(long nanos) {
            bulkheadWaiting.record(seconds(nanos), method);
        }

        @Override
        public void rateLimitCall(boolean wasPermitted) {
            if (permitted != null) {
                rateLimitCalls.add(1, wasPermitted ? permitted : rejected);
            }
        }
    }
}
