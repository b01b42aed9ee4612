package dev.bulwark.cdi.metrics;

import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.MetricsProvider;
import dev.bulwark.impl.metrics.MetricsRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Publishes each operation's metrics to a Micrometer {@link MeterRegistry} with the names and tags SmallRye Fault
 * Tolerance's Micrometer metrics have (the MP FT metrics chapter's, plus {@code ft.circuitbreaker.state.current}), so
 * dashboards built for it keep working: durations as {@link Timer}s, time per breaker state as time gauges, bulkhead
 * occupancy and breaker state as gauges that read the live state (held strongly: an operation lives as long as its
 * deployment).
 */
public final class MicrometerProvider implements MetricsProvider, Meters<Counter, Timer> {

    private final MeterRegistry registry;

    public MicrometerProvider(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MetricsRecorder recorderFor(Operation operation) {
        return MetersRecorder.of(new Recorder(), operation, this);
    }

    @Override
    public MetricsRecorder recorderFor(Operation operation, String partition) {
        return MetersRecorder.of(new Recorder(), operation, this, partition);
    }

    @Override
    public Counter counter(String name, String... tags) {
        return registry.counter(name, Tags.of(tags));
    }

    @Override
    public Timer duration(String name, String... tags) {
        return registry.timer(name, Tags.of(tags));
    }

    @Override
    public void gauge(String name, LongSupplier value, String... tags) {
        Gauge.builder(name, value, LongSupplier::getAsLong).tags(tags).strongReference(true).register(registry);
    }

    @Override
    public void timeGauge(String name, LongSupplier nanos, String... tags) {
        TimeGauge.builder(name, nanos, TimeUnit.NANOSECONDS, LongSupplier::getAsLong).tags(tags)
                .strongReference(true).register(registry);
    }

    @Override
    public void remove(String name, String... tags) {
        for (Meter meter : registry.find(name).tags(tags).meters()) {
            if (meter.getId().getTags().size() == tags.length / 2) {
                registry.remove(meter);
            }
        }
    }

    @Override
    public boolean currentStateGauges() {
        return true;
    }

    /** The meters of one operation. */
    private static final class Recorder extends MetersRecorder<Counter, Timer> {
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
