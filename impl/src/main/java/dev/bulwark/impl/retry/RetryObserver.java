package dev.bulwark.impl.retry;

/**
 * Told before each retry, with the call's context (what the fallback gets too: the CDI interceptor's invocation
 * context, or null), the retry's number (1 for the first) and the failure that causes it (null for a rejected
 * result).
 */
@FunctionalInterface
public interface RetryObserver {

    void beforeRetry(Object context, int retry, Throwable cause);
}
