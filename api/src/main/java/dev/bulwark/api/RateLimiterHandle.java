package dev.bulwark.api;

/**
 * A stand-alone rate limiter for weighted calls, where one call costs several permits (a batch of 50 rows,
 * a request whose cost is its size). Created by {@link RateLimiters#create}; thread-safe, share it.
 */
public interface RateLimiterHandle {

    /** Takes {@code permits} (1 up to the capacity) if all are free now, else takes nothing and returns false. */
    boolean tryAcquire(int permits);

    /**
     * Takes {@code permits}, waiting up to the limiter's {@code maxWait} for them.
     *
     * @throws RateLimitException if they cannot be had within {@code maxWait}; nothing is taken, and
     *         {@link RateLimitException#retryAfter()} says when they could be
     */
    void acquire(int permits);
}
