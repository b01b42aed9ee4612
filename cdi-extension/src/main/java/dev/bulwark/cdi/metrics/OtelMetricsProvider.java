package dev.bulwark.cdi.metrics;

import dev.bulwark.impl.chain.MetricsProvider;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.metrics.MetricsRecorder;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Publishes each operation's metrics through OpenTelemetry (MP Telemetry), as the MP FT metrics chapter names
 * them, as the stages declare them, through the same {@link MetersRecorder} as MP Metrics and Micrometer:
 * counters without a unit, durations as histograms in seconds, time per breaker state as an asynchronous counter in
 * nanoseconds and occupancy as asynchronous up-down counters. A series is an instrument with its attributes, built
 * once per operation, so recording allocates nothing of ours.
 */
public final class OtelMetricsProvider implements MetricsProvider, Meters<OtelMetricsProvider.Series,
        OtelMetricsProvider.Durations> {

    // The MP FT spec's bucket bounds for durations in seconds (the SDK's defaults assume milliseconds).
    private static final List<Double> SECONDS_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5,
            0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    private final Meter meter;
    // One instrument per name: every operation's series of a name share it.
    private final Map<String, LongCounter> counters = new ConcurrentHashMap<>();
    private final Map<String, DoubleHistogram> histograms = new ConcurrentHashMap<>();
    // The callbacks of gauges by name and attributes, to close one when its series is removed.
    private final Map<String, AutoCloseable> callbacks = new ConcurrentHashMap<>();

    public OtelMetricsProvider(Meter meter) {
        this.meter = meter;
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
    public Series counter(String name, String... tags) {
        return new Series(counters.computeIfAbsent(name, n -> meter.counterBuilder(n).build()), attributes(tags));
    }

    @Override
    public Durations duration(String name, String... tags) {
        DoubleHistogram histogram = histograms.computeIfAbsent(name, n -> meter.histogramBuilder(n)
                .setUnit("seconds").setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS).build());
        return new Durations(histogram, attributes(tags));
    }

    @Override
    public void gauge(String name, LongSupplier value, String... tags) {
        Attributes attributes = attributes(tags);
        callbacks.put(name + attributes, meter.upDownCounterBuilder(name).buildWithCallback(m -> m.record(
                value.getAsLong(), attributes)));
    }

    @Override
    public void timeGauge(String name, LongSupplier nanos, String... tags) {
        Attributes attributes = attributes(tags);
        callbacks.put(name + attributes, meter.counterBuilder(name).setUnit("nanoseconds").buildWithCallback(
                m -> m.record(nanos.getAsLong(), attributes)));
    }

    /** Closes a gauge's callback; a counter's or histogram's series cannot be removed through the API. */
    @Override
    public void remove(String name, String... tags) {
        AutoCloseable callback = callbacks.remove(name + attributes(tags));
        if (callback != null) {
            try {
                callback.close();
            } catch (Exception e) {
                throw new IllegalStateException(e); // the API's close() throws nothing
            }
        }
    }

    private static Attributes attributes(String... tags) {
        AttributesBuilder builder = Attributes.builder();
        for (int i = 0; i < tags.length; i += 2) {
            builder.put(tags[i], tags[i + 1]);
        }
        return builder.build();
    }

    /** One counter series: the instrument and the attributes of the series. */
    record Series(LongCounter counter, Attributes attributes) {
    }

    /** One duration series: the histogram and the attributes of the series. */
    record Durations(DoubleHistogram histogram, Attributes attributes) {
    }

    /** The series of one operation. */
    private static final class Recorder extends MetersRecorder<Series, Durations> {
        @Override
        void increment(Series series) {
            series.counter.add(1, series.attributes);
        }

        @Override
        void record(Durations series, long nanos) {
            series.histogram.record(nanos / 1e9, series.attributes);
        }
    }
}
