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
 * Makes the {@code @CircuitBreaker} of the annotated method (or class) judge the outcomes of the last {@link #value()}
 * {@link #unit()}s instead of the last {@code requestVolumeThreshold} calls; {@code requestVolumeThreshold} becomes
 * the fewest calls in that time before the breaker may open. The window moves in {@link #buckets()} steps: it holds
 * the current bucket and the {@code buckets - 1} before it. O(1) per call whatever the window. Configurable the MP FT
 * way ({@code <class>/<method>/SlidingTimeWindow/value}, ...).
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SlidingTimeWindow {

    /** @return the window's length, >= 1 */
    @Nonbinding
    long value();

    /** @return the unit of {@link #value()}. Default SECONDS */
    @Nonbinding
    ChronoUnit unit() default ChronoUnit.SECONDS;

    /** @return how many buckets the window moves by, 1..1000. Default 10 */
    @Nonbinding
    int buckets() default 10;
}
