package dev.bulwark.cdi.metrics;

import static dev.bulwark.cdi.metrics.FtMetric.*;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.metrics.MetricsProvider;
import dev.bulwark.impl.metrics.MetricsRecorder;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Publishes each operation's metrics to the MP Metrics base registry, as the MP FT metrics chapter names them.
 * Every counter of an operation is registered when the operation is built (so a scrape shows zeros rather
 * than nothing) and held by the recorder, so the hot path only increments.
 */
public final class MpMetricsProvider implements MetricsProvider {

    private final MetricRegistry registry;

    public MpMetricsProvider(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MetricsRecorder recorderFor(Operation operation) {
        OperationSpec spec = operation.spec();
        Tag method = new Tag(METHOD, spec.name());
        Recorder r = new Recorder();
        boolean hasFallback = spec.fallback() != null;
        r.invocations = new Counter[6];
        for (int returned = 0; returned < 2; returned++) {
            for (int use = 0; use < 3; use++) {
                if (hasFallback != (use == 2)) {
                    r.invocations[invocationSlot(returned == 0, use)] = counter(INVOCATIONS, method,
                            new Tag("result", result(returned == 0)), new Tag("fallback", FALLBACK[use]));
                }
            }
        }
        if (spec.retry() != null) {
            r.retryCalls = new Counter[8];
            for (int retried = 0; retried < 2; retried++) {
                for (int outcome = 0; outcome < 4; outcome++) {
                    r.retryCalls[retrySlot(retried == 1, outcome)] = counter(RETRY_CALLS, method,
                            new Tag("retried", Boolean.toString(retried == 1)),
                            new Tag("retryResult", RETRY_RESULT[outcome]));
                }
            }
            r.retries = counter(RETRY_RETRIES, method);
        }
        if (spec.timeout() != null) {
            r.timedOut = counter(TIMEOUT_CALLS, method, new Tag("timedOut", "true"));
            r.notTimedOut = counter(TIMEOUT_CALLS, method, new Tag("timedOut", "false"));
            r.timeoutDuration = histogram(TIMEOUT_DURATION, method);
        }
        CircuitBreaker breaker = operation.circuitBreaker();
        if (breaker != null) {
            r.breakerCalls = new Counter[3];
            for (int result = 0; result < 3; result++) {
                r.breakerCalls[result] = counter(BREAKER_CALLS, method,
                        new Tag("circuitBreakerResult", BREAKER_RESULT[result]));
            }
            for (int state = 0; state < 3; state++) {
                int index = state;
                gauge(BREAKER_STATE, MetricUnits.NANOSECONDS, b -> BreakerTime.nanos(b, index), breaker, method,
                        new Tag("state", BREAKER_STATES[state]));
            }
            Counter opened = counter(BREAKER_OPENED, method);
            breaker.onStateChange((name, from, to) -> {
                if (to == CircuitState.OPEN) {
                    opened.inc();
                }
            });
        }
        if (spec.bulkhead() != null) {
            r.bulkheadAccepted = counter(BULKHEAD_CALLS, method, new Tag("bulkheadResult", "accepted"));
            r.bulkheadRejected = counter(BULKHEAD_CALLS, method, new Tag("bulkheadResult", "rejected"));
            r.bulkheadRunning = histogram(BULKHEAD_RUNNING_DURATION, method);
            if (operation.queueingBulkhead() != null) {
                gauge(BULKHEAD_RUNNING, MetricUnits.NONE, op -> op.queueingBulkhead().running(), operation, method);
                gauge(BULKHEAD_WAITING, MetricUnits.NONE, op -> op.queueingBulkhead().waiting(), operation, method);
                r.bulkheadWaiting = histogram(BULKHEAD_WAITING_DURATION, method);
            } else {
                gauge(BULKHEAD_RUNNING, MetricUnits.NONE, op -> op.semaphoreBulkhead().running(), operation, method);
            }
        }
        if (spec.rateLimit() != null) {
            r.permitted = counter(RATELIMIT_CALLS, method, new Tag("rateLimitResult", "permitted"));
            r.rejected = counter(RATELIMIT_CALLS, method, new Tag("rateLimitResult", "rejected"));
        }
        return r;
    }

    private Counter counter(String name, Tag... tags) {
        return registry.counter(Metadata.builder().withName(name).withUnit(MetricUnits.NONE).build(), tags);
    }

    private Histogram histogram(String name, Tag... tags) {
        return registry.histogram(Metadata.builder().withName(name).withUnit(MetricUnits.NANOSECONDS).build(), tags);
    }

    private <T> void gauge(String name, String unit, ToLongFunction<T> read, T source, Tag... tags) {
        // Two overloads of one method share their metrics (the spec keys them by name): the first gauge stays.
        if (registry.getMetric(new MetricID(name, tags)) == null) {
            registry.gauge(Metadata.builder().withName(name).withUnit(unit).build(), source,
                    s -> read.applyAsLong(s), tags);
        }
    }

    /** The meters of one operation. */
    private static final class Recorder extends SlotRecorder<Counter, Histogram> {
        @Override
        void increment(Counter counter) {
            counter.inc();
        }

        @Override
        void record(Histogram duration, long nanos) {
            duration.update(nanos);
        }
    }
}
