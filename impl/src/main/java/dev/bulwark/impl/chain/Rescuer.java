package dev.bulwark.impl.chain;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs what settles a call that the executor refused to run (its retry, its timeout) on a thread of its own instead
 * of the caller's: that caller is often the scheduler's single thread, which fires every timeout and retry delay of
 * the engine, and the breaker, retry and fallback that follow run the application's code. Refusals are rare (a
 * saturated or shut-down executor), so the threads are made on demand, at the first refusal, and end when idle.
 */
final class Rescuer {

    private final ThreadFactory threads;
    // Guarded by this.
    private ExecutorService pool;
    private boolean closed;

    Rescuer(ThreadFactory threads) {
        this.threads = threads;
    }

    void run(Runnable task) {
        ExecutorService p;
        synchronized (this) {
            if (!closed && pool == null) {
                pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
                        threads);
            }
            p = closed ? null : pool;
        }
        if (p == null) {
            task.run(); // the engine is closing: nothing else is left to run it
            return;
        }
        try {
            p.execute(task);
        } catch (RejectedExecutionException closing) {
            task.run();
        }
    }

    /** Stops taking tasks; those running finish. Returns the pool to wait for, or null if none was made. */
    synchronized ExecutorService close() {
        closed = true;
        if (pool != null) {
            pool.shutdown();
        }
        return pool;
    }

    /** The pool to wait for after {@link #close}, or null if none was made. */
    synchronized ExecutorService pool() {
        return pool;
    }
}
