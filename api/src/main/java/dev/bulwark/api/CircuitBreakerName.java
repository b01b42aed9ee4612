package dev.bulwark.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;

/**
 * Names the {@code @CircuitBreaker} of this method for operators ({@link CircuitBreakerMaintenance},
 * {@link CircuitBreakerMaintenance}). Needs {@code @CircuitBreaker} on the method or its class; two methods may not share a
 * name. {@code <class>/<method>/CircuitBreakerName/value} overrides it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CircuitBreakerName {

    /** @return the breaker's name, not empty */
    @Nonbinding
    String value();
}
