package dev.bulwark.api;

/**
 * Computes a result from the failure of a guarded action.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface FallbackFunction<T> {

    /**
     * @param failure the exception that ended the guarded action, after retries; for a result that retry
     *        rejected until it gave up, a {@link ResultRejectedException} carrying that result
     */
    T apply(Throwable failure) throws Exception;
}
