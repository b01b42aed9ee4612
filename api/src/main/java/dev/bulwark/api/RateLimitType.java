package dev.bulwark.api;

/** How {@link RateLimit} counts the permits it hands out. */
public enum RateLimitType {

    /**
     * Time is cut into consecutive windows of length {@link RateLimit#window()}, the first starting when the
     * limiter is created; at most {@link RateLimit#value()} permits are handed out in each. Cheapest, but up to
     * twice the limit can pass in an interval that straddles two windows.
     */
    FIXED,

    /** At most {@link RateLimit#value()} permits in <em>any</em> interval of length {@link RateLimit#window()}. */
    ROLLING,

    /**
     * A token bucket: permits are refilled one at a time at the rate value / window, up to a capacity of
     * {@link RateLimit#burst()} (or {@link RateLimit#value()} when burst is 0); the bucket starts full.
     */
    SMOOTH
}
