package dev.bulwark.cdi.metrics;

import dev.bulwark.impl.metrics.MetricsRecorder;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/** Hands every event to each recorder, for an application with more than one metrics API (MP Metrics, OTel, ...). */
final class CompositeRecorder implements MetricsRecorder {

    private final MetricsRecorder[] recorders;

    CompositeRecorder(MetricsRecorder... recorders) {
        this.recorders = recorders.clone();
    }

    @Override
    public void invocation(boolean valueReturned, FallbackUse fallback) {
        for (MetricsRecorder r : recorders) {
            r.invocation(valueReturned, fallback);
        }
    }

    @Override
    public void retryCall(boolean retried, RetryOutcome outcome) {
        for (MetricsRecorder r : recorders) {
            r.retryCall(retried, outcome);
        }
    }

    @Override
    public void retried() {
        for (MetricsRecorder r : recorders) {
            r.retried();
        }
    }

    @Override
    public void timeoutCall(boolean timedOut, long executionNanos) {
        for (MetricsRecorder r : recorders) {
            r.timeoutCall(timedOut, executionNanos);
        }
    }

    @Override
    public void circuitBreakerCall(CircuitBreakerResult result) {
        for (MetricsRecorder r : recorders) {
            r.circuitBreakerCall(result);
        }
    }

    @Override
    public void bulkheadCall(boolean accepted) {
        for (MetricsRecorder r : recorders) {
            r.bulkheadCall(accepted);
        }
    }

    @Override
    public void bulkheadRunning(long nanos) {
        for (MetricsRecorder r : recorders) {
            r.bulkheadRunning(nanos);
        }
    }

    @Override
    public void bulkheadWaiting(long nanos) {
        for (MetricsRecorder r : recorders) {
            r.bulkheadWaiting(nanos);
        }
    }

    @Override
    public void rateLimitCall(boolean permitted) {
        for (MetricsRecorder r : recorders) {
            r.rateLimitCall(permitted);
        }
    }

    @Override
    public Runnable counter(String name, String... tags) {
        Runnable[] counters = new Runnable[recorders.length];
        for (int i = 0; i < recorders.length; i++) {
            counters[i] = recorders[i].counter(name, tags);
        }
        return () -> {
            for (Runnable c : counters) {
                c.run();
            }
        };
    }

    @Override
    public LongConsumer duration(String name, String... tags) {
        LongConsumer[] durations = new LongConsumer[recorders.length];
        for (int i = 0; i < recorders.length; i++) {
            durations[i] = recorders[i].duration(name, tags);
        }
        return nanos -> {
            for (LongConsumer d : durations) {
                d.accept(nanos);
            }
        };
    }

    @Override
    public void gauge(String name, LongSupplier value, String... tags) {
        for (MetricsRecorder r : recorders) {
            r.gauge(name, value, tags);
        }
    }

    @Override
    public MetricsRecorder perMethod() {
        MetricsRecorder[] perMethod = new MetricsRecorder[recorders.length];
        for (int i = 0; i < recorders.length; i++) {
            perMethod[i] = recorders[i].perMethod();
        }
        return new CompositeRecorder(perMethod);
    }

    @Override
    public void release() {
        for (MetricsRecorder r : recorders) {
            r.release();
        }
    }
}
