package dev.bulwark.cdi.definition;

import dev.bulwark.impl.retry.RetrySpec;
import java.lang.reflect.Method;

/**
 * A method's {@code @Retry} with what refines it, validated. What needs the container (a strategy, predicate or
 * handler instance) is named by class, not built.
 *
 * @param spec the retry, with an exponential or Fibonacci backoff already applied
 * @param customBackoff a {@code CustomBackoffStrategy} class, or null
 * @param resultPredicate a {@code Predicate<Object>} class whose accepted results are retried, or null
 * @param exceptionPredicate a {@code Predicate<Throwable>} class that replaces retryOn/abortOn, or null
 * @param beforeRetryHandler a {@code BeforeRetryHandler} class, or null
 * @param beforeRetryMethod a no-argument method of the bean to call before each retry, or null
 * @param budget the retry budget ({@code @RetryBudget}), or null
 */
public record RetryDefinition(
        RetrySpec spec,
        Class<?> customBackoff,
        Class<?> resultPredicate,
        Class<?> exceptionPredicate,
        Class<?> beforeRetryHandler,
        Method beforeRetryMethod,
        RetryBudgetDefinition budget) {

    /** A plain {@code @Retry}. */
    static RetryDefinition of(RetrySpec spec) {
        return new RetryDefinition(spec, null, null, null, null, null, null);
    }
}
