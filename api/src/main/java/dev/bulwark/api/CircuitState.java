package dev.bulwark.api;

/** The state of a circuit breaker, as operators see it. */
public enum CircuitState {
    /** Calls pass; outcomes are recorded in the rolling window. */
    CLOSED,
    /** Calls are rejected with {@code CircuitBreakerOpenException} until the delay has passed. */
    OPEN,
    /** A limited number of trial calls pass; their outcomes decide between CLOSED and OPEN. */
    HALF_OPEN,
    /** Held open by an operator until reset or forced closed: every call is rejected. */
    FORCED_OPEN,
    /** Held closed by an operator until reset or forced open: every call passes, nothing is recorded. */
    FORCED_CLOSED
}
