package dev.bulwark.impl.shared;

import dev.bulwark.api.SharedStore;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import dev.bulwark.impl.ratelimit.RateLimiter;

/**
 * What a store that several replicas share implements for the engine (module {@code bulwark-redis}). It never
 * fails a call with its own error: when it cannot answer in time, the local primitive decides.
 */
public interface SharedState extends SharedStore {

    /**
     * A limiter whose permits are taken in the store under {@code name}, by every replica alike, and by
     * {@code local} while the store cannot be reached.
     *
     * @throws IllegalArgumentException if the store cannot share a limit of {@code spec} (the message names why)
     */
    RateLimiter rateLimiter(String name, RateLimitSpec spec, RateLimiter local);

    /** Makes {@code breaker} one of the breakers named {@code name} that the store keeps in step. */
    void link(String name, CircuitBreaker breaker);

    /** Ends {@link #link}: the breaker is local again. */
    void unlink(String name, CircuitBreaker breaker);
}
