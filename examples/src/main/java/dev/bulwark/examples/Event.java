package dev.bulwark.examples;

/**
 * What the app counts. Bulwark's CDI metrics are not there yet, so the example keeps its own tally; calls refused
 * by an open breaker are read from the breakers themselves ({@code CircuitBreakerHandle.rejectedCalls()}).
 */
public enum Event {
    /** A call the app made to the client bean. */
    CALL("calls"),
    /** A call that returned the service's real answer. */
    SUCCESS("ok"),
    /** An extra attempt made by {@code @Retry} that reached the service. */
    RETRY("retries"),
    /** A call answered by a fallback instead of the service. */
    FALLBACK("fallbk"),
    /** A call that ended with an exception in the caller (a method without a fallback). */
    FAILED("failed"),
    /** An attempt cut off by {@code @Timeout}. */
    TIMEOUT("timeout"),
    /** A call refused by a full {@code @Bulkhead}. */
    BULKHEAD("bulkhd"),
    /** A call refused by {@code @RateLimit}. */
    RATE_LIMIT("ratelim");

    private final String column;

    Event(String column) {
        this.column = column;
    }

    /** The short heading of this event's column in the live table. */
    public String column() {
        return column;
    }
}
