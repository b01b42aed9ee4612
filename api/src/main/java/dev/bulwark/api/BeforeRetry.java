package dev.bulwark.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;

/**
 * Runs an action before each retry of the {@code @Retry} on the same method or class (not before the first
 * attempt): either a {@link BeforeRetryHandler} ({@link #value()}) or a method of the bean ({@link #methodName()},
 * no parameters, returning void), not both. The action is quick and does no blocking I/O; an exception it throws is
 * logged and the retry goes ahead. A handler class is the CDI bean of that class when it is one, otherwise one
 * instance per guarded method from its no-argument constructor.
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface BeforeRetry {

    /** @return the handler class; {@link DEFAULT} when {@link #methodName()} is used */
    @Nonbinding
    Class<? extends BeforeRetryHandler> value() default DEFAULT.class;

    /** @return the name of a method of the bean class (or a superclass), with no parameters, returning void */
    @Nonbinding
    String methodName() default "";

    /** The "no handler" marker of {@link #value()}. */
    final class DEFAULT implements BeforeRetryHandler {
        @Override
        public void handle(ExecutionContext context) {
        }
    }
}
