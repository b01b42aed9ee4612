package dev.bulwark.api;

import jakarta.enterprise.util.Nonbinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One annotation for the common case: a {@code @Timeout}, a {@code @Retry} (with a jittered exponential backoff and a
 * {@link RetryBudget}, for the presets that retry) and a {@code @CircuitBreaker} tuned for the kind of downstream
 * {@link #value()} names, as the README's preset table documents.
 *
 * <p>An MP FT annotation (or {@code @ExponentialBackoff}, {@code @RetryBudget}) of your own on the same method wins
 * for its strategy, and on the class it wins over a {@code @Guarded} on the class. Every expanded value is
 * overridable the MP FT way, as if the annotation were written there: {@code <class>/<method>/Retry/maxRetries} on a
 * method-level preset, {@code <class>/Retry/maxRetries} on a class-level one. {@code <class>/<method>/Guarded/value}
 * chooses another preset; {@code Guarded/enabled=false} turns presets off.
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Guarded {

    /** @return the kind of downstream */
    @Nonbinding
    Preset value();
}
