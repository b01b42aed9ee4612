package dev.bulwark.redis;

import dev.bulwark.api.RateLimiterHandle;

/**
 * Callers on several threads, each taking a permit of a FIXED limit and then of a ROLLING one, in a loop, through the
 * stores of a few replicas ({@link LocalDecisions}): each call counted by its replica, the phase it began in and
 * whether it was decided locally; the FIXED permits kept by their windows ({@link FixedWindows}); any exception kept
 * as a failure. Threads are named {@code reshard-load-*}.
 */
final class ReshardLoad extends CallerThreads {

    static final int PHASES = 4;

    private final int replicas;
    private final FixedWindows fixedPermits;
    private volatile int phase;

    /** Counters [replica][phase][decided locally]. */
    ReshardLoad(int replicas, FixedWindows fixedPermits) {
        super(replicas * PHASES * 2);
        this.replicas = replicas;
        this.fixedPermits = fixedPermits;
    }

    /** {@code count} callers of one replica's two limiters; started by {@link #start()}. */
    void add(int replica, RateLimiterHandle fixed, RateLimiterHandle rolling, int count) {
        for (int i = 0; i < count; i++) {
            addCaller("reshard-load-" + replica + "-" + i, () -> call(replica, fixed, rolling));
        }
    }

    private void call(int replica, RateLimiterHandle fixed, RateLimiterHandle rolling) {
        int began = phase;
        LocalDecisions.startCall();
        long start = FixedWindows.nowMicros();
        boolean permitted = fixed.tryAcquire(1);
        long end = FixedWindows.nowMicros();
        if (permitted) {
            fixedPermits.permit(start, end);
        }
        counts.incrementAndGet(index(replica, began, LocalDecisions.lastCallWasLocal()));

        began = phase;
        LocalDecisions.startCall();
        rolling.tryAcquire(1);
        counts.incrementAndGet(index(replica, began, LocalDecisions.lastCallWasLocal()));
    }

    private static int index(int replica, int phase, boolean local) {
        return (replica * PHASES + phase) * 2 + (local ? 1 : 0);
    }

    /** Calls from now on count in phase {@code next}. */
    void phase(int next) {
        phase = next;
    }

    /** Calls of {@code replica} that began in {@code phase}, those decided locally or the others. */
    long calls(int replica, int phase, boolean local) {
        return counts.get(index(replica, phase, local));
    }

    /** Calls of every replica that began in {@code phase}, whoever decided them. */
    long calls(int phase) {
        long n = 0;
        for (int r = 0; r < replicas; r++) {
            n += calls(r, phase, false) + calls(r, phase, true);
        }
        return n;
    }
}
