package dev.bulwark.api;

/**
 * An operator's view of one circuit breaker: read its state and counters, force it open or closed, reset
 * it. Obtained by name from {@link CircuitBreakerMaintenance}.
 */
public interface CircuitBreakerHandle {

    /** The name the breaker was registered under. */
    String name();

    CircuitState state();

    /** Rejects every call until {@link #reset()} or {@link #forceClosed()}. */
    void forceOpen();

    /** Lets every call through, recording nothing, until {@link #reset()} or {@link #forceOpen()}. */
    void forceClosed();

    /** Back to CLOSED with an empty rolling window. */
    void reset();

    /** Calls that were let through and counted as success since creation. */
    long successfulCalls();

    /** Calls that were let through and counted as failure since creation. */
    long failedCalls();

    /** Calls rejected because the breaker was open since creation. */
    long rejectedCalls();

    /** How many times the breaker went from CLOSED or HALF_OPEN to OPEN. */
    long timesOpened();

    /** Registers a listener for state changes; it is called after each change, outside any lock. */
    void onStateChange(CircuitStateListener listener);
}
