package dev.bulwark.impl.bulkhead;

import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.Passage;
import dev.bulwark.impl.time.Clock;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * The synchronous bulkhead as a gate: a place is taken on entry and given back on exit; its mark is the start of the
 * running time, read only when metrics want it.
 */
public final class BulkheadGate extends Gate {

    private final SemaphoreBulkhead bulkhead;
    private final MetricsRecorder metrics;
    private final Clock clock;
    private final String name;

    public BulkheadGate(SemaphoreBulkhead bulkhead, MetricsRecorder metrics, Clock clock, String name) {
        this.bulkhead = bulkhead;
        this.metrics = metrics;
        this.clock = clock;
        this.name = name;
    }

    @Override
    public Object enter() {
        if (!bulkhead.tryAcquire()) {
            metrics.bulkheadCall(false);
            throw new BulkheadException(name + " rejected: " + bulkhead.limit() + " calls already running");
        }
        metrics.bulkheadCall(true);
        return PERMIT;
    }

    @Override
    public long mark() {
        return metrics.enabled() ? clock.nanoTime() : 0;
    }

    @Override
    public Throwable exit(Object permit, long started, Throwable failure, Passage passage) {
        bulkhead.release();
        if (metrics.enabled()) {
            metrics.bulkheadRunning(clock.nanoTime() - started);
        }
        return failure;
    }
}
