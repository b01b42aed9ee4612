package dev.bulwark.api;

/**
 * Computes a result from the failure of a guarded action.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface FallbackFunction<T> {

    /**
     * @param failure the exception that ended the guarded action, after retries (a result that
     *        {@code retryIfResult} rejected until retrying stopped is returned, not turned into a failure)
     */
    T apply(Throwable failure) throws Exception;
}
