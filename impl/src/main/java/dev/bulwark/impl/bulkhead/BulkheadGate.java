package dev.bulwark.impl.bulkhead;

import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.Passage;
import dev.bulwark.impl.time.Clock;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * The synchronous bulkhead as a gate: a place is taken on entry and given back on exit; its mark is the start of the
 * running time, read only when metrics want it. Its series: {@link BulkheadSeries}.
 */
public final class BulkheadGate extends Gate {

    private final SemaphoreBulkhead bulkhead;
    private final boolean timed;
    private final Clock clock;
    private final String name;
    private final BulkheadSeries series;

    public BulkheadGate(SemaphoreBulkhead bulkhead, MetricsRecorder metrics, Clock clock, String name) {
        this.bulkhead = bulkhead;
        this.timed = metrics.enabled();
        this.clock = clock;
        this.name = name;
        this.series = BulkheadSeries.declare(metrics, bulkhead::running);
    }

    @Override
    public Object enter() {
        if (!bulkhead.tryAcquire()) {
            series.rejected().run();
            throw new BulkheadException(name + " rejected: " + bulkhead.limit() + " calls already running");
        }
        series.accepted().run();
        return PERMIT;
    }

    @Override
    public long mark() {
        return timed ? clock.nanoTime() : 0;
    }

    @Override
    public Throwable exit(Object permit, long started, Throwable failure, Passage passage) {
        bulkhead.release();
        if (timed) {
            series.running().accept(clock.nanoTime() - started);
        }
        return failure;
    }
}
