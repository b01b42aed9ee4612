package dev.bulwark.api;

import jakarta.enterprise.util.Nonbinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps the {@link RateLimit} and the MP FT {@code @CircuitBreaker} of the annotated method (or of every business
 * method of the annotated class) in a store shared by every replica of the application (Redis, with
 * {@code bulwark-redis} on the class path and {@code bulwark.redis.url} set), under the name {@link #value()}:
 * replicas that use the same store and name share one limit and one breaker.
 *
 * <p>The rate limit is exact across replicas: together they get at most its permits per window. The breaker counts
 * outcomes locally; when one replica's breaker opens, every replica's breaker of that name opens, and one replica at a
 * time runs the trial calls. When the store cannot be reached, each replica falls back to its own local limit and
 * breaker until it can.
 *
 * <p>Needs {@code @RateLimit} or {@code @CircuitBreaker} on the method or its class. Configurable as the MP FT
 * annotations are: {@code <class>/<method>/Shared/value}, {@code <class>/<method>/Shared/enabled},
 * {@code Shared/enabled=false} (every method local, for a laptop without the store).
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Shared {

    /** @return the name in the store; empty (the default) means {@code <fully.qualified.Class>.<method>} */
    @Nonbinding
    String value() default "";
}
