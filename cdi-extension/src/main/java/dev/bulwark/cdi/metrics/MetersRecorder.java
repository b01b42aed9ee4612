package dev.bulwark.cdi.metrics;

import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.circuitbreaker.BreakerGate;
import dev.bulwark.impl.metrics.MetricsRecorder;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * One operation's series in one metrics API whose counters and duration meters are objects ({@code C} and
 * {@code D}: MP Metrics' Counter and Histogram, Micrometer's Counter and Timer, OpenTelemetry's instrument with its
 * attributes). The operation's stages declare their series as they are made; each is registered here, through the
 * API's {@link Meters}, with the {@code method} tag first, and what a stage gets back only updates its meter.
 */
abstract class MetersRecorder<C, D> implements MetricsRecorder {

    /** Where the series are registered, with the operation's {@code method} tag. */
    Meters<C, D> meters;
    /** The method's meters, without a partition tag; {@link #meters} is these unless the series are a partition's. */
    Meters<C, D> methodMeters;
    /** A tagged partition's meters, to remove when it is released; null otherwise. */
    PartitionMeters<C, D> partitionMeters;
    String method;

    abstract void increment(C counter);

    abstract void record(D duration, long nanos);

    /** {@code r}, registering the series of {@code operation} with {@code meters}. */
    static <C, D, R extends MetersRecorder<C, D>> R of(R r, Operation operation, Meters<C, D> meters) {
        return of(r, operation, meters, null);
    }

    /**
     * {@code r}, for one partition whose series carry a {@code partition} tag when {@code partition} is not null;
     * the method's own series ({@link #perMethod}) go to {@code methodMeters}.
     */
    static <C, D, R extends MetersRecorder<C, D>> R of(R r, Operation operation, Meters<C, D> methodMeters,
            String partition) {
        r.method = operation.spec().name();
        r.methodMeters = methodMeters;
        r.meters = methodMeters;
        if (partition != null) {
            r.partitionMeters = new PartitionMeters<>(methodMeters, partition);
            r.meters = r.partitionMeters;
        }
        return r;
    }

    @Override
    public final Runnable counter(String name, String... tags) {
        return counterIn(meters, name, tags);
    }

    @Override
    public final LongConsumer duration(String name, String... tags) {
        return durationIn(meters, name, tags);
    }

    @Override
    public final void gauge(String name, LongSupplier value, String... tags) {
        gaugeIn(meters, name, value, tags);
    }

    @Override
    public final void timeGauge(String name, LongSupplier nanos, String... tags) {
        meters.timeGauge(name, nanos, tagged(tags));
    }

    /** This recorder, or for a tagged partition the same series without the tag: the method's own. */
    @Override
    public final MetricsRecorder perMethod() {
        if (partitionMeters == null) {
            return this;
        }
        return new MetricsRecorder() {
            @Override
            public Runnable counter(String name, String... tags) {
                return counterIn(methodMeters, name, tags);
            }

            @Override
            public LongConsumer duration(String name, String... tags) {
                return durationIn(methodMeters, name, tags);
            }

            @Override
            public void gauge(String name, LongSupplier value, String... tags) {
                gaugeIn(methodMeters, name, value, tags);
            }

            @Override
            public void timeGauge(String name, LongSupplier nanos, String... tags) {
                methodMeters.timeGauge(name, nanos, tagged(tags));
            }
        };
    }

    private Runnable counterIn(Meters<C, D> in, String name, String[] tags) {
        C counter = in.counter(name, tagged(tags));
        return () -> increment(counter);
    }

    private LongConsumer durationIn(Meters<C, D> in, String name, String[] tags) {
        D duration = in.duration(name, tagged(tags));
        return nanos -> record(duration, nanos);
    }

    private void gaugeIn(Meters<C, D> in, String name, LongSupplier value, String[] tags) {
        if (name.equals(BreakerGate.STATE_CURRENT) && !methodMeters.currentStateGauges()) {
            return; // SmallRye's Micrometer series, which only the Micrometer provider publishes
        }
        in.gauge(name, value, tagged(tags));
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
        all[0] = "method";
        all[1] = method;
        System.arraycopy(tags, 0, all, 2, tags.length);
        return all;
    }
}
