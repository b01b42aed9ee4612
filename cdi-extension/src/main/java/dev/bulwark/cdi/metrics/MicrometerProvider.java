package dev.bulwark.cdi.metrics;

import static dev.bulwark.cdi.metrics.FtMetric.*;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.metrics.MetricsProvider;
import dev.bulwark.impl.metrics.MetricsRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Publishes each operation's metrics to a Micrometer {@link MeterRegistry} with the names and tags SmallRye Fault
 * Tolerance's Micrometer metrics have (the MP FT metrics chapter's, plus {@code ft.circuitbreaker.state.current}), so
 * dashboards built for it keep working: counters registered when the operation is built and held by its recorder
 * (the hot path only increments), durations as {@link Timer}s, time per breaker state as time gauges and bulkhead
 * occupancy and breaker state as gauges that read the live state.
 */
public final class MicrometerProvider implements MetricsProvider {

    static final String BREAKER_STATE_CURRENT = "ft.circuitbreaker.state.current";

    private final MeterRegistry registry;

    public MicrometerProvider(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MetricsRecorder recorderFor(Operation operation) {
        OperationSpec spec = operation.spec();
        Tags method = Tags.of(METHOD, spec.name());
        Recorder r = new Recorder();
        boolean hasFallback = spec.fallback() != null;
        r.invocations = new Counter[6];
        for (int returned = 0; returned < 2; returned++) {
            for (int use = 0; use < 3; use++) {
                if (hasFallback != (use == 2)) {
                    r.invocations[invocationSlot(returned == 0, use)] = counter(INVOCATIONS, method,
                            "result", result(returned == 0), "fallback", FALLBACK[use]);
                }
            }
        }
        if (spec.retry() != null) {
            r.retryCalls = new Counter[8];
            for (int retried = 0; retried < 2; retried++) {
                for (int outcome = 0; outcome < 4; outcome++) {
                    r.retryCalls[retrySlot(retried == 1, outcome)] = counter(RETRY_CALLS, method,
                            "retried", Boolean.toString(retried == 1), "retryResult", RETRY_RESULT[outcome]);
                }
            }
            r.retries = registry.counter(RETRY_RETRIES, method);
        }
        if (spec.timeout() != null) {
            r.timedOut = counter(TIMEOUT_CALLS, method, "timedOut", "true");
            r.notTimedOut = counter(TIMEOUT_CALLS, method, "timedOut", "false");
            r.timeoutDuration = registry.timer(TIMEOUT_DURATION, method);
        }
        CircuitBreaker breaker = operation.circuitBreaker();
        if (breaker != null) {
            r.breakerCalls = new Counter[3];
            for (int result = 0; result < 3; result++) {
                r.breakerCalls[result] = counter(BREAKER_CALLS, method, "circuitBreakerResult",
                        BREAKER_RESULT[result]);
            }
            CircuitState[] states = {CircuitState.CLOSED, CircuitState.OPEN, CircuitState.HALF_OPEN};
            for (int state = 0; state < 3; state++) {
                int index = state;
                CircuitState shown = states[state];
                Tags tags = method.and("state", BREAKER_STATES[state]);
                TimeGauge.builder(BREAKER_STATE, breaker, TimeUnit.NANOSECONDS, b -> BreakerTime.nanos(b, index))
                        .tags(tags).strongReference(true).register(registry);
                gauge(BREAKER_STATE_CURRENT, tags, breaker, b -> BreakerTime.shows(b, shown) ? 1 : 0);
            }
            Counter opened = registry.counter(BREAKER_OPENED, method);
            breaker.onStateChange((name, from, to) -> {
                if (to == CircuitState.OPEN) {
                    opened.increment();
                }
            });
        }
        if (spec.bulkhead() != null) {
            r.bulkheadAccepted = counter(BULKHEAD_CALLS, method, "bulkheadResult", "accepted");
            r.bulkheadRejected = counter(BULKHEAD_CALLS, method, "bulkheadResult", "rejected");
            r.bulkheadRunning = registry.timer(BULKHEAD_RUNNING_DURATION, method);
            if (operation.queueingBulkhead() != null) {
                gauge(BULKHEAD_RUNNING, method, operation, op -> op.queueingBulkhead().running());
                gauge(BULKHEAD_WAITING, method, operation, op -> op.queueingBulkhead().waiting());
                r.bulkheadWaiting = registry.timer(BULKHEAD_WAITING_DURATION, method);
            } else {
                gauge(BULKHEAD_RUNNING, method, operation, op -> op.semaphoreBulkhead().running());
            }
        }
        if (spec.rateLimit() != null) {
            r.permitted = counter(RATELIMIT_CALLS, method, "rateLimitResult", "permitted");
            r.rejected = counter(RATELIMIT_CALLS, method, "rateLimitResult", "rejected");
        }
        return r;
    }

    private Counter counter(String name, Tags method, String... tagPairs) {
        return registry.counter(name, method.and(tagPairs));
    }

    /** A gauge that holds {@code source} strongly: an operation lives as long as its deployment. */
    private <T> void gauge(String name, Iterable<Tag> tags, T source, ToDoubleFunction<T> read) {
        Gauge.builder(name, source, read).tags(tags).strongReference(true).register(registry);
    }

    /** The meters of one operation. */
    private static final class Recorder extends SlotRecorder<Counter, Timer> {
        @Override
        void increment(Counter counter) {
            counter.increment();
        }

        @Override
        void record(Timer duration, long nanos) {
            duration.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
