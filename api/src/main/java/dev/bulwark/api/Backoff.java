package dev.bulwark.api;

/**
 * Decides how long to wait before a retry. Implementations are stateless and thread-safe: everything a
 * strategy needs about the current call is passed in, so one instance serves every call at once.
 */
@FunctionalInterface
public interface Backoff {

    /**
     * @param retry the number of the retry about to happen: 1 before the first retry
     * @param baseDelayNanos the configured {@code delay}, in nanoseconds
     * @param previousDelayNanos the delay waited before the previous retry, or 0 before the first
     * @return the delay to wait now, in nanoseconds; a negative value is taken as 0
     */
    long nextDelayNanos(int retry, long baseDelayNanos, long previousDelayNanos);

    /**
     * The same, told the failure that causes this retry (null when a rejected result causes it). What the engine
     * calls; the default ignores the failure.
     */
    default long nextDelayNanos(int retry, long baseDelayNanos, long previousDelayNanos, Throwable cause) {
        return nextDelayNanos(retry, baseDelayNanos, previousDelayNanos);
    }
}
