package dev.bulwark.cdi.metrics;

import dev.bulwark.impl.metrics.MetricsRecorder;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Declares every series in each recorder, for an application with more than one metrics API (MP Metrics, OTel, ...):
 * what a stage gets back updates them all.
 */
final class CompositeRecorder implements MetricsRecorder {

    private final MetricsRecorder[] recorders;

    CompositeRecorder(MetricsRecorder... recorders) {
        this.recorders = recorders.clone();
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
    public void timeGauge(String name, LongSupplier nanos, String... tags) {
        for (MetricsRecorder r : recorders) {
            r.timeGauge(name, nanos, tags);
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
