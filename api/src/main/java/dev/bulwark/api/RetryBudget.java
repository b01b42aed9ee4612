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
 * Caps the retries of the annotated method's {@code @Retry} (or of every business method of the annotated class) as
 * a share of the calls made, as Finagle's retry budget does: every call deposits one token, every retry withdraws
 * one, and a deposit counts for {@link #ttl()}. Retries allowed over the last ttl: {@code ratio} x calls +
 * {@code minPerSecond} x ttl in seconds. With {@code maxRetries = 3} a full outage no longer quadruples the traffic
 * to a downstream that is already struggling: it adds at most {@code ratio}.
 *
 * <p>When the budget is empty the call ends with its last failure, as if retries had run out (a fallback still
 * applies), and {@code ft.retry.calls.total} counts it with {@code retryResult="retryBudgetExhausted"}.
 *
 * <p>Methods that name the same budget ({@link #value()}) share it, as they usually call one downstream; an unnamed
 * budget is the method's own. Needs {@code @Retry} on the method or its class. Configurable the MP FT way
 * ({@code <class>/<method>/RetryBudget/ratio}, ...).
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RetryBudget {

    /** @return the budget's name; methods with the same name share it. Empty (default): this method's own */
    @Nonbinding
    String value() default "";

    /** @return retries allowed per call made, 0..1000. Default 0.2 */
    @Nonbinding
    double ratio() default 0.2;

    /** @return retries always allowed per second, so that low traffic can still retry; >= 0. Default 10 */
    @Nonbinding
    int minPerSecond() default 10;

    /** @return how long a deposit counts, 1 s..60 s. Default 10 */
    @Nonbinding
    long ttl() default 10;

    /** @return the unit of {@link #ttl()}. Default SECONDS */
    @Nonbinding
    ChronoUnit ttlUnit() default ChronoUnit.SECONDS;
}
