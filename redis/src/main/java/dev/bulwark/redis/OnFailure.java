package dev.bulwark.redis;

/** What a shared rate limit does while the store cannot be reached ({@code bulwark.redis.on-failure}). */
public enum OnFailure {
    /** The annotation's own limit, enforced by each replica alone (the default). */
    LOCAL,
    /** Every call is permitted. */
    ALLOW,
    /** Every call is refused with {@code RateLimitException}. */
    REJECT
}
