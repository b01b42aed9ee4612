package dev.bulwark.redis;

import dev.bulwark.api.RateLimiterHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Callers on several threads taking permits in a loop, each call counted by the phase it began in and the phase it
 * ended in, so a test can count what was granted wholly inside a stretch of phases without keeping a record per
 * call. Threads are named {@code fault-load-*}.
 */
final class FaultLoad implements AutoCloseable {

    static final int PHASES = 6;

    /** [group][began][ended][granted]. */
    private final AtomicLongArray counts;
    private final long[] setBefore = new long[PHASES];
    private final long[] setAfter = new long[PHASES];
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private volatile int phase;

    FaultLoad(int groups) {
        this.counts = new AtomicLongArray(groups * PHASES * PHASES * 2);
        setBefore[0] = setAfter[0] = System.nanoTime();
    }

    /** {@code count} callers of {@code limiter}, counted in {@code group}; started by {@link #start()}. */
    void add(int group, RateLimiterHandle limiter, int count) {
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(() -> call(group, limiter), "fault-load-" + group + "-" + threads.size());
            t.setDaemon(true);
            threads.add(t);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    private void call(int group, RateLimiterHandle limiter) {
        while (running.get()) {
            int began = phase;
            boolean granted;
            try {
                granted = limiter.tryAcquire(1);
            } catch (Throwable e) {
                failures.add(e);
                continue;
            }
            counts.incrementAndGet(index(group, began, phase, granted));
            // A millisecond between calls: load that keeps the limit saturated without taking both cores from the
            // server, the proxy and the client's event loops.
            LockSupport.parkNanos(1_000_000);
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

    long calls() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    ConcurrentLinkedQueue<Throwable> failures() {
        return failures;
    }

    /** Stops the callers and waits for their last calls. */
    void stop() {
        running.set(false);
        try {
            for (Thread t : threads) {
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
