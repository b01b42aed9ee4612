package dev.bulwark.impl.bulkhead;

import dev.bulwark.impl.metrics.MetricsRecorder;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The series every bulkhead has, whichever gate keeps it (semaphore, queueing, adaptive): {@code ft.bulkhead.calls.total}
 * by {@code bulkheadResult}, {@code ft.bulkhead.runningDuration} and the gauge {@code ft.bulkhead.executionsRunning}.
 * Declared in one place so that the three gates cannot name them apart.
 *
 * @param accepted counts an attempt let in
 * @param rejected counts an attempt turned away
 * @param running records how long an accepted attempt held its place
 */
public record BulkheadSeries(Runnable accepted, Runnable rejected, LongConsumer running) {

    /** Declares the series on {@code metrics}, the gauge reading {@code runningNow}. */
    public static BulkheadSeries declare(MetricsRecorder metrics, LongSupplier runningNow) {
        BulkheadSeries series = new BulkheadSeries(
                metrics.counter("ft.bulkhead.calls.total", "bulkheadResult", "accepted"),
                metrics.counter("ft.bulkhead.calls.total", "bulkheadResult", "rejected"),
                metrics.duration("ft.bulkhead.runningDuration"));
        metrics.gauge("ft.bulkhead.executionsRunning", runningNow);
        return series;
    }
}
