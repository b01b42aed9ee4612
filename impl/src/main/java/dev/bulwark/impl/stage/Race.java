package dev.bulwark.impl.stage;

/**
 * An around-stage that races attempts of what it wraps (hedging): while one attempt runs, the driver may start
 * another, and the first that {@link #wins} ends the race; the others are withdrawn (cancelled, and their gates
 * told {@link Passage#NOT_STARTED}, so that a breaker does not count a loser as a failure). A failed attempt lets the
 * next one start at once; when none may start and every one has ended, the last failure is the race's outcome.
 *
 * <p>The asynchronous driver runs a race; it is innermost of the around-stages (only gates inside it), and an
 * operation with one must be asynchronous: a synchronous call has no thread to race on. Outside the race, its
 * outcome stands as it is ({@link #ends} true, {@link #next} null), so the stages outside decide on it as on any
 * attempt's. Shared by every call of its operation; per-race state lives in the driver.
 */
public abstract class Race extends Around {

    @Override
    public final boolean ends(Object value, Decision prior) {
        return true;
    }

    @Override
    public final Decision next(Decision prior, long mark, Object value, Throwable failure, Object context) {
        return null;
    }

    /** The most attempts one race may start, counting the first; at least 1. */
    public abstract int maxAttempts();

    /**
     * How long after an attempt started the next one starts if none has won or failed by then, in nanoseconds, read
     * once per attempt (it may follow observed latency); negative for never.
     */
    public abstract long delayNanos();

    /**
     * Whether attempt {@code attempt} (2 or more) may start now: the place to withdraw it from a budget. Asked once
     * per attempt beyond the first, and only while {@code attempt <= maxAttempts()}; false leaves the race with the
     * attempts it has.
     */
    public abstract boolean mayStart(int attempt);

    /** Attempt {@code attempt} (1 for the first) starts: for metrics. */
    public void started(int attempt) {
    }

    /**
     * Whether an attempt's outcome wins the race; by default a returned value does and a failure does not.
     *
     * @param failure how the attempt failed, or null if it returned {@code value}
     */
    public boolean wins(Object value, Throwable failure) {
        return failure == null;
    }

    /**
     * Attempt {@code attempt} won, {@code elapsedNanos} after it started: for metrics and for latency that the delay
     * follows. Not called when every attempt failed.
     */
    public void won(int attempt, long elapsedNanos) {
    }
}
