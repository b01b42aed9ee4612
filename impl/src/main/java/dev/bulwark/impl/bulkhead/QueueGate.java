package dev.bulwark.impl.bulkhead;

import dev.bulwark.impl.bulkhead.QueueingBulkhead.Admission;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.NotStarted;
import dev.bulwark.impl.stage.Passage;
import dev.bulwark.impl.time.Clock;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * The asynchronous bulkhead as a gate: an attempt runs at once if a place is free, else waits in the queue until a
 * finishing attempt hands its place over, or is rejected when the queue is full. The place is held until the
 * attempt's outcome is there, not merely until its method returned.
 */
public final class QueueGate extends Gate {

    private final QueueingBulkhead bulkhead;
    private final MetricsRecorder metrics;
    private final Clock clock;
    private final String name;

    public QueueGate(QueueingBulkhead bulkhead, MetricsRecorder metrics, Clock clock, String name) {
        this.bulkhead = bulkhead;
        this.metrics = metrics;
        this.clock = clock;
        this.name = name;
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
        metrics.bulkheadCall(true);
        if (metrics.enabled()) {
            metrics.bulkheadWaiting(0); // as a waiter started at once would have recorded it
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
            metrics.bulkheadCall(false);
            admission.refuse(new BulkheadException(name + " rejected: " + bulkhead.limit() + " running and "
                    + bulkhead.queueSize() + " waiting"));
        } else {
            metrics.bulkheadCall(true);
        }
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

    /** An attempt holding, or waiting for, a place; run by the bulkhead when it gets one. */
    private final class Waiter implements Runnable {
        private final dev.bulwark.impl.stage.Admission admission;
        // The wait time is only for metrics: no clock read without them.
        private final long queuedAt = metrics.enabled() ? clock.nanoTime() : 0;

        Waiter(dev.bulwark.impl.stage.Admission admission) {
            this.admission = admission;
        }

        @Override
        public void run() {
            admission.onAbort(null);
            if (metrics.enabled()) {
                metrics.bulkheadWaiting(clock.nanoTime() - queuedAt);
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
