package dev.bulwark.api;

/**
 * A store that rate limits and circuit breakers of several replicas share state through, such as
 * {@code dev.bulwark.redis.RedisStore} (module {@code bulwark-redis}). Created once per application from its URL and
 * handed to {@link RateLimitOptions#shared(SharedStore, String)} and
 * {@link CircuitBreakerOptions#shared(SharedStore, String)}; closing it ends the sharing (guards built on it fall
 * back to their local state) and its connections.
 */
public interface SharedStore extends AutoCloseable {

    /** Whether the store answers now; false while guards fall back to their local state. */
    boolean available();

    @Override
    void close();
}
