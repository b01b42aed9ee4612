package dev.bulwark.api;

/**
 * Computes the delay before each retry of a method annotated {@link CustomBackoff}. One instance serves every
 * call of its method, so an implementation is thread-safe; it is fast and does no I/O, since it runs on the
 * caller's or the scheduler's thread.
 */
public interface CustomBackoffStrategy {

    /**
     * Called once, before the first delay is asked for.
     *
     * @param initialDelayInMillis {@code @Retry.delay} in milliseconds
     */
    default void init(long initialDelayInMillis) {
    }

    /**
     * @param exception the failure that causes this retry; null when a result accepted by
     *        {@link RetryWhen#result()} causes it
     * @return the delay before this retry, in milliseconds; a negative value is taken as 0
     */
    long nextDelayInMillis(Throwable exception);
}
