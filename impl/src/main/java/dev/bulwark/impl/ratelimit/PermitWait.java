package dev.bulwark.impl.ratelimit;

import dev.bulwark.impl.time.Clock;
import dev.bulwark.impl.time.Sleeper;

/**
 * The one blocking wait for rate-limit permits, for callers that wait on their own thread (the synchronous driver, a
 * stand-alone limiter's {@code acquire}): it sleeps until the limiter says a permit could be free, never past the
 * limit's {@code maxWait}. Allocation-free unless interrupted. (The asynchronous driver schedules its tries instead.)
 */
public final class PermitWait {

    private PermitWait() {
    }

    /**
     * Takes {@code permits}, waiting up to the limit's maxWait.
     *
     * @return 0 once taken; else how long until they would be free, which is beyond maxWait (nothing was taken)
     * @throws Interrupted if the wait was interrupted (the thread's interrupt status is set again; nothing was taken)
     */
    public static long acquire(RateLimiter limiter, int permits, Clock clock, Sleeper sleeper) throws Interrupted {
        long wait = limiter.tryAcquire(permits);
        if (wait == 0) {
            return 0;
        }
        long deadline = clock.nanoTime() + limiter.spec().maxWaitNanos();
        while (wait != 0) {
            long now = clock.nanoTime();
            if (wait > deadline - now) {
                return wait;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Interrupted(Math.max(0, now + wait - clock.nanoTime()), e);
            }
            wait = limiter.tryAcquire(permits);
        }
        return 0;
    }

    /** The wait was interrupted; the cause is the {@link InterruptedException}. */
    public static final class Interrupted extends Exception {
        private static final long serialVersionUID = 1L;
        private final long remainingNanos;

        Interrupted(long remainingNanos, InterruptedException cause) {
            super("interrupted while waiting for a permit", cause);
            this.remainingNanos = remainingNanos;
        }

        /** How long the wait still had to go. */
        public long remainingNanos() {
            return remainingNanos;
        }
    }
}
