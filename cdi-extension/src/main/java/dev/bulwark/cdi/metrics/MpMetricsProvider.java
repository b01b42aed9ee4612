package dev.bulwark.cdi.metrics;

import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.MetricsProvider;
import dev.bulwark.impl.metrics.MetricsRecorder;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Publishes each operation's metrics to the MP Metrics base registry (MP Metrics 4 or 5), as the MP FT metrics
 * chapter names them: counters without a unit, durations as histograms in nanoseconds, gauges of live state.
 */
public final class MpMetricsProvider implements MetricsProvider, Meters<Counter, Histogram> {

    private final MetricRegistry registry;

    public MpMetricsProvider(MetricRegistry registry) {
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
        return registry.counter(metadata(name, MetricUnits.NONE), tags(tags));
    }

    @Override
    public Histogram duration(String name, String... tags) {
        return registry.histogram(metadata(name, MetricUnits.NANOSECONDS), tags(tags));
    }

    @Override
    public void gauge(String name, LongSupplier value, String... tags) {
        register(name, MetricUnits.NONE, value, tags);
    }

    @Override
    public void timeGauge(String name, LongSupplier nanos, String... tags) {
        register(name, MetricUnits.NANOSECONDS, nanos, tags);
    }

    @Override
    public void remove(String name, String... tags) {
        registry.remove(new MetricID(name, tags(tags)));
    }

    private void register(String name, String unit, LongSupplier value, String... tagPairs) {
        Tag[] tags = tags(tagPairs);
        // Two overloads of one method share their metrics (the spec keys them by name): the first gauge stays.
        if (registry.getMetric(new MetricID(name, tags)) == null) {
            registry.gauge(metadata(name, unit), value, LongSupplier::getAsLong, tags);
        }
    }

    private static Metadata metadata(String name, String unit) {
        return Metadata.builder().withName(name).withUnit(unit).build();
    }

    private static Tag[] tags(String[] pairs) {
        Tag[] tags = new Tag[pairs.length / 2];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new Tag(pairs[2 * i], pairs[2 * i + 1]);
        }
        return tags;
    }

    /** The meters of one operation. */
    private static final class Recorder extends MetersRecorder<Counter, Histogram> {
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
