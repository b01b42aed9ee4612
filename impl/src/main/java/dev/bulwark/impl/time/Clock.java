package dev.bulwark.impl.time;

/**
 * A monotonic source of nanoseconds. Every time-dependent decision in the engine reads time through a
 * {@code Clock}, so tests can move time by hand instead of sleeping.
 */
@FunctionalInterface
public interface Clock {

    /** Monotonic nanoseconds; only differences between two readings mean anything. */
    long nanoTime();

    /** The JVM's monotonic clock. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
