package dev.bulwark.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.util.Nonbinding;

/**
 * Makes the delays of the {@code @Retry} on the same method or class grow along the Fibonacci sequence: with
 * {@code @Retry.delay} d, the retries wait d, 2d, 3d, 5d, 8d, ..., never more than {@link #maxDelay()}.
 * {@code @Retry.jitter} is added to each delay as without this annotation. Needs {@code @Retry}; at most one
 * backoff annotation applies to a method. Every member can be overridden with MP Config.
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface FibonacciBackoff {

    /** @return the longest delay; 0 means no limit. Default 60000. */
    @Nonbinding
    long maxDelay() default 60_000;

    /** @return the unit of {@link #maxDelay()}. Default MILLIS. */
    @Nonbinding
    ChronoUnit maxDelayUnit() default ChronoUnit.MILLIS;
}
