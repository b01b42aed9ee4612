package dev.bulwark.impl.circuitbreaker;

import dev.bulwark.api.CircuitState;

/**
 * How a shared store keeps the breakers of one name in step across replicas. The breaker tells it of its own
 * decisions (never of those it was told by the store); each method returns at once and never throws: a store that
 * cannot be reached leaves the breaker deciding alone.
 */
public interface BreakerLink {

    /** This replica's breaker opened (from CLOSED, or a failed trial in HALF_OPEN). */
    void opened();

    /** This replica's trial calls succeeded: HALF_OPEN became CLOSED. */
    void closed();

    /** An operator forced this breaker into {@code state} (FORCED_OPEN, FORCED_CLOSED), or reset it (CLOSED). */
    void forced(CircuitState state);

    /**
     * Asked when the open delay has passed, before this replica starts trial calls: true if it may (it holds the
     * store's trial lease, or the store cannot be reached and the configured fallback allows it).
     */
    boolean tryTrialLease();
}
