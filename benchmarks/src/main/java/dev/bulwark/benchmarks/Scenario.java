package dev.bulwark.benchmarks;

/** What a guard does around the trivial call; each contender builds the same scenario from {@link Settings}. */
public enum Scenario {
    /** Retry, no failures: the cost of being ready to retry. */
    RETRY,
    /** A closed circuit breaker recording successes. */
    CIRCUIT_BREAKER,
    /** A semaphore bulkhead, never full. */
    BULKHEAD,
    /** A rate limiter whose limit is never reached. */
    RATE_LIMITER,
    /** A synchronous timeout that never fires. */
    TIMEOUT,
    /** Retry around circuit breaker around timeout around bulkhead, the MicroProfile order. */
    COMBINED
}
