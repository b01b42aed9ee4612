package dev.bulwark.impl.timeout;

import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.stage.Admission;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.Passage;
import dev.bulwark.impl.time.Clock;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The timeout as a gate. A synchronous attempt arms the watchdog's slot for its thread (the permit), which interrupts
 * it at the deadline; its exit turns the outcome into a {@link TimeoutException} if the deadline passed. An
 * asynchronous attempt gets a timer only once it has started and is not over at once (many non-blocking calls have
 * their outcome before they return); whichever comes first, the timer or the outcome, decides how it ended.
 * Its series: {@code ft.timeout.calls.total} by {@code timedOut}, and {@code ft.timeout.executionDuration}.
 */
public final class TimeoutGate extends Gate {

    private final TimeoutWatchdog watchdog;
    private final long timeoutNanos;
    private final boolean timed;
    private final Clock clock;
    private final String name;
    private final Runnable timedOut;
    private final Runnable notTimedOut;
    private final LongConsumer duration;

    public TimeoutGate(TimeoutWatchdog watchdog, long timeoutNanos, MetricsRecorder metrics, Clock clock, String name) {
        this.watchdog = watchdog;
        this.timeoutNanos = timeoutNanos;
        this.timed = metrics.enabled();
        this.clock = clock;
        this.name = name;
        this.timedOut = metrics.counter("ft.timeout.calls.total", "timedOut", "true");
        this.notTimedOut = metrics.counter("ft.timeout.calls.total", "timedOut", "false");
        this.duration = metrics.duration("ft.timeout.executionDuration");
    }

    @Override
    public Object enter() {
        return watchdog.arm(timeoutNanos);
    }

    @Override
    public long mark() {
        return timed ? clock.nanoTime() : 0;
    }

    @Override
    public boolean usesAdmission() {
        return true;
    }

    /** An asynchronous attempt is let through at once, with its own deadline; its timer waits for {@link #started}. */
    @Override
    public Object admitAtOnce() {
        return new Deadline(clock.nanoTime());
    }

    @Override
    public void enter(Admission admission) {
        admission.admit(admitAtOnce());
    }

    @Override
    public boolean followsStart() {
        return true;
    }

    /**
     * The deadline fires on the timer's thread, not on the executor: the executor may be full of attempts blocked like
     * this one, and only this interrupt can free them. The admission then goes on on the call's own executor.
     */
    @Override
    public void started(Object permit, long mark, Admission admission) {
        Deadline deadline = (Deadline) permit;
        long remaining = timeoutNanos - (clock.nanoTime() - deadline.start);
        try {
            deadline.timer = admission.deadline(Math.max(0, remaining), () -> {
                if (deadline.compareAndSet(false, true)) {
                    ended(true, clock.nanoTime() - deadline.start);
                    admission.end(timeoutException());
                }
            });
        } catch (RejectedExecutionException stopped) {
            if (deadline.compareAndSet(false, true)) {
                admission.end(stopped); // the engine was closed: fail the call, never throw
            }
        }
    }

    @Override
    public Throwable exit(Object permit, long start, Throwable failure, Passage passage) {
        if (permit instanceof Deadline deadline) {
            return exitAsync(deadline, failure);
        }
        boolean late = watchdog.disarm((TimeoutWatchdog.Slot) permit);
        if (timed) {
            ended(late, clock.nanoTime() - start);
        }
        if (!late) {
            return failure;
        }
        TimeoutException timeout = timeoutException();
        if (failure != null) {
            timeout.addSuppressed(failure);
        }
        return timeout;
    }

    private Throwable exitAsync(Deadline deadline, Throwable failure) {
        if (!deadline.compareAndSet(false, true)) {
            return failure; // the timer ended the attempt first; this late outcome is nobody's any more
        }
        long elapsed = clock.nanoTime() - deadline.start;
        Future<?> timer = deadline.timer;
        if (timer != null) {
            timer.cancel(false);
            ended(false, elapsed);
            return failure;
        }
        // Over before a timer was armed: its own outcome stands unless it took longer than the timeout.
        boolean late = elapsed >= timeoutNanos;
        ended(late, elapsed);
        return late ? timeoutException() : failure;
    }

    private void ended(boolean late, long executionNanos) {
        (late ? timedOut : notTimedOut).run();
        duration.accept(executionNanos);
    }

    private TimeoutException timeoutException() {
        return new TimeoutException(name + " timed out after " + timeoutNanos / 1_000_000 + " ms");
    }

    /** One asynchronous attempt's deadline: set once decided, by the timer or by the outcome. */
    private static final class Deadline extends AtomicBoolean {
        private static final long serialVersionUID = 1L;
        final long start;
        volatile Future<?> timer;

        Deadline(long start) {
            this.start = start;
        }
    }
}
