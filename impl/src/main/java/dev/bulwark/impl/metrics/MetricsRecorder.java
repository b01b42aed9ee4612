package dev.bulwark.impl.metrics;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Where one operation's series go. Each stage declares its own series when it is made (the built-in ones those of
 * the MP FT metrics chapter, each added strategy its own) and keeps what it gets back: recording on the hot path is
 * a call of that counter or duration, never a lookup. A provider ({@code MetricsProvider}) makes one recorder per
 * operation, for every metrics API the application has; its series carry the operation's {@code method} tag first.
 */
public interface MetricsRecorder {

    /** Records nothing; {@link #enabled()} is false so the stages skip the clock readings. */
    MetricsRecorder NOOP = new MetricsRecorder() {
        @Override
        public boolean enabled() {
            return false;
        }
    };

    /** Whether durations need measuring at all. */
    default boolean enabled() {
        return true;
    }

    /**
     * Registers a counter series (at zero, so a scrape shows it before the first call), tagged with the operation's
     * {@code method} first and then {@code tags} (alternating names and values). Declared once per stage, not per
     * call: the returned counter is what the stage increments on its hot path.
     */
    default Runnable counter(String name, String... tags) {
        return NOTHING;
    }

    /** Registers a series of durations in nanoseconds (a histogram, a timer), as {@link #counter}. */
    default LongConsumer duration(String name, String... tags) {
        return NO_DURATION;
    }

    /** Registers a gauge that reads {@code value} whenever it is scraped, as {@link #counter}. */
    default void gauge(String name, LongSupplier value, String... tags) {
    }

    /** Registers a gauge of a time in nanoseconds (each API shows it in its unit), as {@link #gauge}. */
    default void timeGauge(String name, LongSupplier nanos, String... tags) {
    }

    /**
     * Where the series of a whole partitioned method go ({@code ft.partitions.*}) when this recorder's carry a
     * {@code partition} tag: those are per method whatever the tagging.
     */
    default MetricsRecorder perMethod() {
        return this;
    }

    /** The operation is gone (an evicted partition): its series are removed where the metrics API can. */
    default void release() {
    }

    /**
     * This recorder as the partitions of a method that share its series see it ({@link PartitionShare}): their
     * counters and durations are the method's, looked up once per series; their gauges are dropped, the method's
     * first partition having declared them.
     */
    default MetricsRecorder shared() {
        return enabled() ? new PartitionShare(this) : this;
    }

    /** What {@link #counter} gives where nothing is recorded. */
    Runnable NOTHING = () -> { };

    /** What {@link #duration} gives where nothing is recorded. */
    LongConsumer NO_DURATION = nanos -> { };
}
