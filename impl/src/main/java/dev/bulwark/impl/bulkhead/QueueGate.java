package dev.bulwark.impl.bulkhead;

import dev.bulwark.impl.bulkhead.QueueingBulkhead.Admission;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.NotStarted;
import dev.bulwark.impl.stage.Passage;
import dev.bulwark.impl.time.Clock;
import java.util.function.LongConsumer;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * The asynchronous bulkhead as a gate: an attempt runs at once if a place is free, else waits in the queue until a
 * finishing attempt hands its place over, or is rejected when the queue is full. The place is held until the
 * attempt's outcome is there, not merely until its method returned. Its series: {@link BulkheadSeries}, and
 * {@code ft.bulkhead.waitingDuration} and the gauge {@code ft.bulkhead.executionsWaiting}.
 */
public final class QueueGate extends Gate {

    private final QueueingBulkhead bulkhead;
    private final boolean timed;
    private final Clock clock;
    private final String name;
    private final BulkheadSeries series;
    private final LongConsumer waiting;

    public QueueGate(QueueingBulkhead bulkhead, MetricsRecorder metrics, Clock clock, String name) {
        this.bulkhead = bulkhead;
        this.timed = metrics.enabled();
        this.clock = clock;
        this.name = name;
        this.series = BulkheadSeries.declare(metrics, bulkhead::running);
        metrics.gauge("ft.bulkhead.executionsWaiting", bulkhead::waiting);
        this.waiting = metrics.duration("ft.bulkhead.waitingDuration");
    }

    /** Only for asynchronous attempts: a synchronous operation has the {@link BulkheadGate}. */
    @Override
    public Object enter() {
        throw new IllegalStateException("the queueing bulkhead admits asynchronous attempts only");
    }

    @Override
    public boolean usesAdmission() {
        return true;
    }

    /** A free place with nobody waiting for one: taken, without a waiter object. */
    @Override
    public Object admitAtOnce() {
        if (!bulkhead.tryStart()) {
            return null;
        }
        series.accepted().run();
        if (timed) {
            waiting.accept(0); // as a waiter started at once would have recorded it
        }
        return PERMIT;
    }

    @Override
    public void enter(dev.bulwark.impl.stage.Admission admission) {
        Waiter waiter = new Waiter(admission);
        // Set before submitting: the abort may come while the attempt waits, and must find it.
        admission.onAbort(waiter::abandon);
        Admission admitted = bulkhead.submit(waiter);
        if (admitted == Admission.REJECTED) {
            admission.onAbort(null);
            series.rejected().run();
            admission.refuse(new BulkheadException(name + " rejected: " + bulkhead.limit() + " running and "
                    + bulkhead.queueSize() + " waiting"));
        } else {
            series.accepted().run();
        }
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

    /** An attempt holding, or waiting for, a place; run by the bulkhead when it gets one. */
    private final class Waiter implements Runnable {
        private final dev.bulwark.impl.stage.Admission admission;
        // The wait time is only for metrics: no clock read without them.
        private final long queuedAt = timed ? clock.nanoTime() : 0;

        Waiter(dev.bulwark.impl.stage.Admission admission) {
            this.admission = admission;
        }

        @Override
        public void run() {
            admission.onAbort(null);
            if (timed) {
                waiting.accept(clock.nanoTime() - queuedAt);
            }
            admission.admit(PERMIT);
        }

        void abandon() {
            if (bulkhead.cancelWaiting(this)) {
                admission.refuse(new NotStarted("attempt left the bulkhead queue"));
            }
        }
    }
}
