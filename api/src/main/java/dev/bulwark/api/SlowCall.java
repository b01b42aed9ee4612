package dev.bulwark.api;

import jakarta.enterprise.util.Nonbinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Counts a call of the annotated method (or class) that takes longer than {@link #threshold()} as slow, and opens its
 * {@code @CircuitBreaker} also when the share of slow calls in the breaker's window reaches {@link #ratio()}: a
 * downstream that answers in 30 s is as broken as one that fails, and often worse. The window is the breaker's (its
 * last {@code requestVolumeThreshold} calls, or its {@link SlidingTimeWindow}). A slow call that fails counts as both.
 * Configurable the MP FT way ({@code <class>/<method>/SlowCall/threshold}, ...).
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SlowCall {

    /** @return the duration above which a call is slow, >= 1 */
    @Nonbinding
    long threshold();

    /** @return the unit of {@link #threshold()}. Default MILLIS */
    @Nonbinding
    ChronoUnit unit() default ChronoUnit.MILLIS;

    /** @return the share of slow calls that opens the breaker, over 0 and at most 1. Default 1.0 */
    @Nonbinding
    double ratio() default 1.0;
}
