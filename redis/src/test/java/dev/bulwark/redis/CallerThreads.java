package dev.bulwark.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of a load test: callers that each repeat one round of calls until stopped, a millisecond apart, with
 * counters the rounds add to and whatever a round throws kept as a failure. A millisecond between rounds keeps the
 * limits saturated without taking both cores from the servers, proxies and the client's event loops.
 */
abstract class CallerThreads implements AutoCloseable {

    /** The subclass's counters, laid out as it indexes them. */
    protected final AtomicLongArray counts;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    CallerThreads(int counters) {
        this.counts = new AtomicLongArray(counters);
    }

    /** A daemon caller named {@code name} that runs {@code round} until {@link #stop()}; started by {@link #start()}. */
    protected final void addCaller(String name, Runnable round) {
        Thread t = new Thread(() -> {
            while (running.get()) {
                try {
                    round.run();
                } catch (Throwable e) {
                    failures.add(e);
                }
                LockSupport.parkNanos(1_000_000);
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
    }

    protected final int callers() {
        return threads.size();
    }

    void start() {
        threads.forEach(Thread::start);
    }

    /** Every call counted, in any counter. */
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
