package dev.bulwark.cdi.definition;

import dev.bulwark.impl.exception.ExceptionMatcher;
import java.lang.reflect.Method;

/**
 * A resolved {@code @Fallback}: exactly one of {@code handler} and {@code method} is set.
 *
 * @param handler the FallbackHandler class, created through the container for each fallback
 * @param method the fallback method, on the same bean
 * @param applyOn which failures the fallback applies to (applyOn included, skipOn excluded)
 */
public record FallbackDefinition(Class<?> handler, Method method, ExceptionMatcher applyOn) {
}
