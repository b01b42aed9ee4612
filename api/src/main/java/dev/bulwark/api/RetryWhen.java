package dev.bulwark.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Predicate;

import jakarta.enterprise.util.Nonbinding;

/**
 * Decides with predicates what the {@code @Retry} on the same method or class retries. {@link #result()} retries a
 * returned value it accepts (while retries remain; when they run out, the call fails with
 * {@link ResultRejectedException}, which carries the last value, so a fallback can still apply).
 * {@link #exception()} replaces {@code retryOn} and {@code abortOn}, so setting both is a definition error. For an
 * asynchronous method the predicates see the value or exception the returned stage completes with. Predicate classes
 * are CDI beans when they are beans, otherwise one instance per guarded method from the no-argument constructor.
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RetryWhen {

    /** @return accepts the results to retry. Default: none. */
    @Nonbinding
    Class<? extends Predicate<Object>> result() default NeverOnResult.class;

    /** @return accepts the exceptions to retry. Default: every exception. */
    @Nonbinding
    Class<? extends Predicate<Throwable>> exception() default AlwaysOnException.class;
}
