package dev.bulwark.cdi.metrics;

import java.util.function.LongSupplier;

/**
 * How one metrics API makes the meters the stages declare ({@link MetersRecorder}). Tags come as alternating names
 * and values, the {@code method} tag first.
 *
 * @param <C> the API's counter
 * @param <D> the API's meter of durations in nanoseconds (a histogram, a timer)
 */
interface Meters<C, D> {

    C counter(String name, String... tags);

    D duration(String name, String... tags);

    /** A gauge that reads {@code value} whenever it is read. */
    void gauge(String name, LongSupplier value, String... tags);

    /** A gauge of a time in nanoseconds, read whenever it is read. */
    void timeGauge(String name, LongSupplier nanos, String... tags);

    /**
     * Removes the series of {@code name} and exactly {@code tags} (an evicted partition's), where the API can; where
     * it cannot (OpenTelemetry's counters and histograms), the series stays and stops moving.
     */
    default void remove(String name, String... tags) {
    }

    /** Whether to publish {@code ft.circuitbreaker.state.current} too (SmallRye FT's Micrometer metrics have it). */
    default boolean currentStateGauges() {
        return false;
    }
}
