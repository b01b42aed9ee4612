package dev.bulwark.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;

/**
 * Hands the delays of the {@code @Retry} on the same method or class to a {@link CustomBackoffStrategy}.
 * {@code @Retry.jitter} is not added: the strategy's delay is used as it is. The strategy is the CDI bean of that
 * class when it is one, otherwise one instance per guarded method made with its no-argument constructor; either
 * way it serves every call of the method, concurrently. Needs {@code @Retry}; at most one backoff annotation
 * applies to a method. {@code <class>/<method>/CustomBackoff/value} overrides the class.
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CustomBackoff {

    /** @return the strategy class */
    @Nonbinding
    Class<? extends CustomBackoffStrategy> value();
}
