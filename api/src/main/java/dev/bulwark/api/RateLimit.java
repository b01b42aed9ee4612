package dev.bulwark.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Limits how often the annotated method (or every business method of the annotated class) may be called:
 * at most {@link #value()} calls per {@link #window()}, counted as {@link #type()} says, optionally with a
 * {@link #minSpacing()} between two permitted calls. A call beyond the limit waits up to {@link #maxWait()} for a
 * permit and is then refused with {@link RateLimitException}; a refused call consumes no permit.
 *
 * <p>In the chain the rate limit sits inside the circuit breaker and outside the timeout
 * ({@code Fallback -> Retry -> CircuitBreaker -> RateLimit -> Timeout -> Bulkhead}): every retry attempt asks for
 * its own permit, a {@code RateLimitException} can be retried and can trigger a fallback, and it counts as a
 * circuit-breaker failure only when {@code failOn} names {@code RateLimitException} (or a subclass) explicitly.
 *
 * <p>The state is shared by every instance of the bean, per method. Every member can be overridden with MP Config
 * as for the MP Fault Tolerance annotations ({@code <class>/<method>/RateLimit/<member>} and the shorter forms);
 * an invalid value fails deployment.
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@InterceptorBinding
public @interface RateLimit {

    /**
     * The number of permits per {@link #window()}. Default 100; must be at least 1, and at most one permit per
     * nanosecond of the window.
     *
     * @return permits per window
     */
    @Nonbinding
    int value() default 100;

    /**
     * The length of the window, in {@link #windowUnit()}. Default 1; must be at least 1.
     *
     * @return the window length
     */
    @Nonbinding
    long window() default 1;

    /**
     * The unit of {@link #window()}. Default {@link ChronoUnit#SECONDS}.
     *
     * @return the window unit
     */
    @Nonbinding
    ChronoUnit windowUnit() default ChronoUnit.SECONDS;

    /**
     * The minimum time between two permitted calls, in {@link #minSpacingUnit()}, applied on top of any
     * {@link #type()}. Default 0 (no minimum); must be at least 0.
     *
     * @return the minimum spacing
     */
    @Nonbinding
    long minSpacing() default 0;

    /**
     * The unit of {@link #minSpacing()}. Default {@link ChronoUnit#MILLIS}.
     *
     * @return the minimum spacing unit
     */
    @Nonbinding
    ChronoUnit minSpacingUnit() default ChronoUnit.MILLIS;

    /**
     * How permits are counted. Default {@link RateLimitType#FIXED}.
     *
     * @return the type of window
     */
    @Nonbinding
    RateLimitType type() default RateLimitType.FIXED;

    /**
     * {@link RateLimitType#SMOOTH} only: the capacity of the token bucket, that is how many permits can be taken at
     * once after a quiet period. Default 0, meaning {@link #value()}; must be at least 0, and 0 with any other type.
     *
     * @return the bucket capacity, or 0 for {@link #value()}
     */
    @Nonbinding
    int burst() default 0;

    /**
     * How long, in {@link #maxWaitUnit()}, a call may wait for a permit before it is refused. A synchronous caller
     * waits on its own thread (interruptibly); an asynchronous call is scheduled and holds no thread while it
     * waits. The wait happens outside the timeout, so it does not count against {@code @Timeout}. Default 0:
     * refuse at once; must be at least 0.
     *
     * @return the longest wait for a permit
     */
    @Nonbinding
    long maxWait() default 0;

    /**
     * The unit of {@link #maxWait()}. Default {@link ChronoUnit#MILLIS}.
     *
     * @return the maximum wait unit
     */
    @Nonbinding
    ChronoUnit maxWaitUnit() default ChronoUnit.MILLIS;
}
