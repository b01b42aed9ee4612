package dev.bulwark.impl.time;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The system clock, plus a {@linkplain #coarseNanoTime() coarse reading} that costs one volatile read instead of a
 * {@code System.nanoTime()} call (about 20 ns on a virtual machine's clock source): a reading published by a ticker
 * thread every {@value #TICK_MILLIS} ms, for what needs millisecond precision at most (the time-window breaker's
 * buckets, the start of a retried call that {@code maxDuration} measures from).
 *
 * <p>Error bound: a coarse reading is never ahead of {@link #nanoTime()} and is behind it by at most one tick plus
 * however late the ticker thread is scheduled (on a saturated machine, that lateness). The ticker starts at the first
 * coarse reading, parks after {@value #IDLE_TICKS} ticks without one (a reading meanwhile is a precise one, and
 * wakes it) and ends at {@link #close()}; after that every reading is precise. So an idle engine costs no wake-ups.
 */
public final class CoarseClock implements Clock, AutoCloseable {

    static final long TICK_MILLIS = 1;
    static final int IDLE_TICKS = 64;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    /** What {@link #published} holds while no ticker is publishing: readers then read the clock themselves. */
    private static final long NONE = Long.MIN_VALUE;
    private static final VarHandle PUBLISHED;

    static {
        try {
            PUBLISHED = MethodHandles.lookup().findVarHandle(CoarseClock.class, "published", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ThreadFactory threads;
    // The last tick's reading, or NONE.
    private volatile long published = NONE;
    // Whether a coarse reading was made since the ticker last looked: reset by the ticker, set by readers only when
    // clear, so that a busy engine writes it about once per tick, not once per call.
    private volatile boolean read;
    private volatile boolean closed;
    // Guarded by this.
    private Thread ticker;

    public CoarseClock(ThreadFactory threads) {
        this.threads = threads;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long coarseNanoTime() {
        if (!read) {
            read = true;
        }
        long t = published;
        if (t != NONE) {
            return t;
        }
        if (closed) {
            return System.nanoTime();
        }
        wake();
        // Published, not just returned: a reading handed out is never ahead of one published later, so that readings
        // never go back, even across the ticker's start (its first tick may be taken before this reading).
        advance(System.nanoTime());
        t = published;
        return t != NONE ? t : System.nanoTime();
    }

    /** Publishes {@code now} unless a later reading is published already. */
    private void advance(long now) {
        while (true) {
            long current = published;
            if ((current != NONE && current - now >= 0) || closed) {
                return;
            }
            if (PUBLISHED.compareAndSet(this, current, now)) {
                if (closed) {
                    published = NONE; // closed meanwhile: no reading may stay published with no ticker to move it
                }
                return;
            }
        }
    }

    private void wake() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            t = ticker;
            if (t == null) {
                t = threads.newThread(this::tick);
                t.setDaemon(true);
                ticker = t;
                t.start();
                return;
            }
        }
        LockSupport.unpark(t);
    }

    private void tick() {
        int idle = 0;
        while (!closed) {
            advance(System.nanoTime());
            LockSupport.parkNanos(this, TICK_NANOS);
            if (read) {
                read = false;
                idle = 0;
            } else if (++idle >= IDLE_TICKS) {
                published = NONE;
                // A reading between the two lines above set read (it saw NONE, or the last tick, which is fresh);
                // one after them unparks this thread, and a permit given before park() makes it return at once.
                if (!read && !closed) {
                    LockSupport.park(this);
                }
                idle = 0;
            }
        }
        published = NONE;
    }

    /** Ends the ticker; readings are precise from then on. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = ticker;
        }
        published = NONE;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
