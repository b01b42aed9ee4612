package dev.bulwark.impl.timeout;

import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.stage.Admission;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.Passage;
import dev.bulwark.impl.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongConsumer;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The timeout as a gate. A synchronous attempt arms the watchdog's slot for its thread (the permit), which interrupts
 * it at the deadline; its exit turns the outcome into a {@link TimeoutException} if the deadline passed. An
 * asynchronous attempt's start is its mark and its permit a constant: it gets a timer only once it has started and is
 * not over at once (many non-blocking calls have their outcome before they return), so such a call allocates nothing
 * here; whichever comes first, the timer or the outcome, decides how it ended (its admission's claim).
 * Its series: {@code ft.timeout.calls.total} by {@code timedOut}, and {@code ft.timeout.executionDuration}.
 */
public final class TimeoutGate extends Gate {

    /** The permit of every asynchronous attempt: its start is its mark. */
    private static final Object ASYNC = new Object();

    private final TimeoutWatchdog watchdog;
    private final long timeoutNanos;
    // Whether marks are read: for metrics, and always for asynchronous attempts (their deadline counts from it).
    private final boolean timed;
    private final Clock clock;
    private final String name;
    private final Runnable timedOut;
    private final Runnable notTimedOut;
    private final LongConsumer duration;

    /** @param asynchronous whether the operation's attempts are asynchronous (then admitted by admission only) */
    public TimeoutGate(TimeoutWatchdog watchdog, long timeoutNanos, MetricsRecorder metrics, Clock clock, String name,
            boolean asynchronous) {
        this.watchdog = watchdog;
        this.timeoutNanos = timeoutNanos;
        this.timed = asynchronous || metrics.enabled();
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

    /** An asynchronous attempt is let through at once; its timer waits for {@link #started}. */
    @Override
    public Object admitAtOnce() {
        return ASYNC;
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
        long remaining = timeoutNanos - (clock.nanoTime() - mark);
        try {
            admission.deadline(Math.max(0, remaining), () -> {
                if (admission.claimEnd()) {
                    ended(true, clock.nanoTime() - mark); // counted before the caller can see the timeout
                    admission.end(timeoutException());
                }
            });
        } catch (RejectedExecutionException stopped) {
            if (admission.claimEnd()) {
                admission.end(stopped); // the engine was closed: fail the call, never throw
            }
        }
    }

    @Override
    public Throwable exit(Object permit, long start, Throwable failure, Passage passage) {
        if (!(permit instanceof TimeoutWatchdog.Slot slot)) {
            // ASYNC: over at once; an Admission: told started, its timer cancelled as the outcome came
            return exitAsync(start, failure, permit == ASYNC);
        }
        boolean late = watchdog.disarm(slot);
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

    /**
     * The outcome came before any timer fired. Over at once (no timer was armed), it stands unless it took longer than
     * the timeout; after a timer was armed, it stands: the timer decides lateness, as the watchdog does for a
     * synchronous attempt.
     */
    private Throwable exitAsync(long start, Throwable failure, boolean atOnce) {
        long elapsed = clock.nanoTime() - start;
        boolean late = atOnce && elapsed >= timeoutNanos;
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
}
