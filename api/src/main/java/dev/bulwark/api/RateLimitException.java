package dev.bulwark.api;

import java.time.Duration;
import java.util.Objects;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Thrown when a {@link RateLimit rate limit} refuses a call: no permit was free, and none became free within
 * {@link RateLimit#maxWait()}. A refused call consumes no permit. To the stages outside the rate limit it is an
 * ordinary failure: retry may retry it and fallback may handle it; a circuit breaker counts it as a failure only
 * when its {@code failOn} names {@code RateLimitException} (or a subclass) explicitly.
 */
public class RateLimitException extends FaultToleranceException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param message what was refused and why
     * @param retryAfter the earliest time from now at which a new attempt could be permitted, as known at the
     *        rejection; not null, not negative
     */
    public RateLimitException(String message, Duration retryAfter) {
        this(message, retryAfter, null);
    }

    /**
     * @param message what was refused and why
     * @param retryAfter the earliest time from now at which a new attempt could be permitted, as known at the
     *        rejection; not null, not negative
     * @param cause why waiting for a permit stopped early (an {@link InterruptedException}), or null
     */
    public RateLimitException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must be >= 0, was " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    /**
     * The earliest time, counted from the rejection, at which a new attempt could be permitted, as known at the
     * rejection. Other callers may take that permit first, so it is a lower bound, not a promise.
     */
    public Duration retryAfter() {
        return retryAfter;
    }
}
