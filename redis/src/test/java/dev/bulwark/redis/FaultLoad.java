package dev.bulwark.redis;

import dev.bulwark.api.RateLimiterHandle;

/**
 * Callers on several threads taking permits in a loop, each call counted by the phase it began in and the phase it
 * ended in, so a test can count what was granted wholly inside a stretch of phases without keeping a record per
 * call. Threads are named {@code fault-load-*}.
 */
final class FaultLoad extends CallerThreads {

    static final int PHASES = 6;

    private final long[] setBefore = new long[PHASES];
    private final long[] setAfter = new long[PHASES];
    private volatile int phase;

    /** Counters [group][began][ended][granted]. */
    FaultLoad(int groups) {
        super(groups * PHASES * PHASES * 2);
        setBefore[0] = setAfter[0] = System.nanoTime();
    }

    /** {@code count} callers of {@code limiter}, counted in {@code group}; started by {@link #start()}. */
    void add(int group, RateLimiterHandle limiter, int count) {
        for (int i = 0; i < count; i++) {
            addCaller("fault-load-" + group + "-" + callers(), () -> {
                int began = phase;
                boolean granted = limiter.tryAcquire(1);
                counts.incrementAndGet(index(group, began, phase, granted));
            });
        }
    }

    private int index(int group, int began, int ended, boolean granted) {
        return ((group * PHASES + began) * PHASES + ended) * 2 + (granted ? 1 : 0);
    }

    void phase(int next) {
        setBefore[next] = System.nanoTime();
        phase = next;
        setAfter[next] = System.nanoTime();
    }

    /** Seconds from phase {@code from} began to phase {@code to} began: every call counted between them fits. */
    double seconds(int from, int to) {
        return (setAfter[to] - setBefore[from]) / 1e9;
    }

    /** Calls of {@code group} that began in phase {@code from} or later and ended before phase {@code to}. */
    long count(int group, int from, int to, boolean granted) {
        long n = 0;
        for (int began = from; began < to; began++) {
            for (int ended = began; ended < to; ended++) {
                n += counts.get(index(group, began, ended, granted));
            }
        }
        return n;
    }
}
