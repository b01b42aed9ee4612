package dev.bulwark.impl.time;

/**
 * A monotonic source of nanoseconds. Every time-dependent decision in the engine reads time through a
 * {@code Clock}, so tests can move time by hand instead of sleeping.
 */
@FunctionalInterface
public interface Clock {

    /** Monotonic nanoseconds; only differences between two readings mean anything. */
    long nanoTime();

    /**
     * A reading of the same clock that may be behind {@link #nanoTime()} by about a millisecond, never ahead of it, for
     * what needs no more precision and is read on every call (see {@link CoarseClock}). This clock's own reading
     * unless it has a cheaper one: virtual time in tests stays exact.
     */
    default long coarseNanoTime() {
        return nanoTime();
    }

    /** The JVM's monotonic clock. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
