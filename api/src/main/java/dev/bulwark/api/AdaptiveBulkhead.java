package dev.bulwark.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * A bulkhead whose limit moves: it measures the latency of the calls it lets through and moves the number allowed to
 * run at once towards the concurrency where the downstream's latency starts to rise, as TCP congestion control does.
 * A call over the limit fails with MP FT's {@code BulkheadException}, as with {@code @Bulkhead}, so {@code @Retry}
 * and {@code @Fallback} see it the same way. It sits where {@code @Bulkhead} sits in the chain (innermost), and the
 * two exclude each other on one method.
 *
 * <p>Only calls that returned and calls that timed out are samples (a timeout counts as a drop); a call that threw
 * says nothing about the downstream's latency, and one refused by the breaker or the rate limit never reaches it.
 * Every parameter can be overridden with MicroProfile Config as the MP FT annotations' are
 * ({@code <class>/<method>/AdaptiveBulkhead/<parameter>}, {@code AdaptiveBulkhead/<parameter>}).
 * Metrics: {@code ft.bulkhead.limit} (a gauge of the current limit) beside {@code ft.bulkhead.calls.total},
 * {@code ft.bulkhead.executionsRunning} and {@code ft.bulkhead.runningDuration} (of the adaptive bulkhead: the
 * running time of one call in 8, the calls it times for its samples, so its count is an eighth of the calls).
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@InterceptorBinding
public @interface AdaptiveBulkhead {

    /**
     * How the limit moves. Default {@link AdaptiveAlgorithm#GRADIENT2}.
     *
     * @return the algorithm
     */
    @Nonbinding
    AdaptiveAlgorithm algorithm() default AdaptiveAlgorithm.GRADIENT2;

    /**
     * The limit before the first samples. Default 20; between {@link #minLimit()} and {@link #maxLimit()}.
     *
     * @return the first limit
     */
    @Nonbinding
    int initialLimit() default 20;

    /**
     * The limit never goes below this. Default 1; at least 1.
     *
     * @return the lowest limit
     */
    @Nonbinding
    int minLimit() default 1;

    /**
     * The limit never goes above this. Default 200; at least {@link #minLimit()}.
     *
     * @return the highest limit
     */
    @Nonbinding
    int maxLimit() default 200;

    /**
     * For asynchronous methods, how many calls may wait for a place once the limit is reached, as
     * {@code @Bulkhead}'s {@code waitingTaskQueue}. Default 0: a call over the limit is rejected at once. Ignored for
     * synchronous methods.
     *
     * @return the waiting calls allowed
     */
    @Nonbinding
    int waitingTaskQueue() default 0;
}
