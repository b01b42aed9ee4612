package dev.bulwark.impl.ratelimit;

import dev.bulwark.api.RateLimitException;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.stage.Admission;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.NotStarted;
import dev.bulwark.impl.stage.Passage;
import dev.bulwark.impl.time.Clock;
import dev.bulwark.impl.time.Sleeper;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * The rate limit as a gate: one permit per attempt, waited for up to the limit's maxWait. A synchronous attempt
 * waits on its own thread ({@link PermitWait}); an asynchronous one schedules its next try for when the limiter says
 * a permit could be free, and parks no thread. Permits are never given back: the exit has nothing to do. Its
 * series (Bulwark's own): {@code ft.ratelimit.calls.total} by {@code rateLimitResult}, {@code permitted} or
 * {@code rejected}, after any wait.
 */
public final class RateLimitGate extends Gate {

    private final RateLimiter limiter;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String name;
    private final Runnable permitted;
    private final Runnable rejected;

    public RateLimitGate(RateLimiter limiter, MetricsRecorder metrics, Clock clock, Sleeper sleeper, String name) {
        this.limiter = limiter;
        this.clock = clock;
        this.sleeper = sleeper;
        this.name = name;
        this.permitted = metrics.counter("ft.ratelimit.calls.total", "rateLimitResult", "permitted");
        this.rejected = metrics.counter("ft.ratelimit.calls.total", "rateLimitResult", "rejected");
    }

    /**
     * Takes one permit, waiting through the engine's sleeper, interruptibly. Allocation-free when a permit is free.
     *
     * @throws RateLimitException when none is free within maxWait, or the wait was interrupted (the interrupt stays
     *         set and the exception's cause is the {@link InterruptedException})
     */
    @Override
    public Object enter() {
        long refusedFor;
        try {
            refusedFor = PermitWait.acquire(limiter, 1, clock, sleeper);
        } catch (PermitWait.Interrupted interrupted) {
            rejected.run();
            throw rejection(interrupted.remainingNanos(), interrupted.getCause());
        }
        (refusedFor == 0 ? permitted : rejected).run();
        if (refusedFor != 0) {
            throw rejection(refusedFor, null);
        }
        return PERMIT;
    }

    @Override
    public boolean usesAdmission() {
        return true;
    }

    @Override
    public void enter(Admission admission) {
        long wait = limiter.tryAcquire(1);
        if (wait == 0) {
            permitted.run();
            admission.admit(PERMIT);
            return;
        }
        await(admission, clock.nanoTime() + limiter.spec().maxWaitNanos(), wait);
    }

    private void await(Admission admission, long deadline, long wait) {
        if (wait > deadline - clock.nanoTime()) {
            admission.onAbort(null);
            rejected.run();
            admission.refuse(rejection(wait, null));
            return;
        }
        NextTry next = new NextTry(admission, deadline);
        // The abort is in place before the try is scheduled: a try that runs at once must never find a stale one.
        admission.onAbort(next::abort);
        next.scheduled = admission.after(wait, next);
    }

    /** The next try of an asynchronous attempt that waits for a permit. */
    private final class NextTry implements Runnable {
        private final Admission admission;
        private final long deadline;
        volatile Future<?> scheduled;
        private volatile boolean aborted;

        NextTry(Admission admission, long deadline) {
            this.admission = admission;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            if (aborted || admission.over()) {
                return;
            }
            long wait = limiter.tryAcquire(1);
            if (wait != 0) {
                await(admission, deadline, wait);
                return;
            }
            admission.onAbort(null);
            permitted.run();
            admission.admit(PERMIT);
        }

        void abort() {
            aborted = true;
            Future<?> pending = scheduled;
            if (pending != null) {
                pending.cancel(false);
            }
            admission.refuse(new NotStarted("cancelled while waiting for a permit"));
        }
    }

    @Override
    public Throwable exit(Object permit, long mark, Throwable failure, Passage passage) {
        return failure;
    }

    /** The exception for an attempt the limiter refused; {@code retryAfterNanos} as the limiter said. */
    private RateLimitException rejection(long retryAfterNanos, Throwable cause) {
        RateLimitSpec limit = limiter.spec();
        String message = name + " rejected by its rate limit of " + limit.value() + " per "
                + Duration.ofNanos(limit.windowNanos()) + " (" + limit.type() + "); next permit in "
                + Duration.ofNanos(retryAfterNanos);
        return new RateLimitException(cause == null ? message : message + "; interrupted while waiting",
                Duration.ofNanos(retryAfterNanos), cause);
    }
}
