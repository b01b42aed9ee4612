package dev.bulwark.cdi.definition;

import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import dev.bulwark.impl.timeout.TimeoutSpec;
import java.lang.reflect.Method;

/**
 * What the annotations and config say about one method of one bean class, validated. The strategies that
 * are absent or disabled are null. The fallback is described, not built: building it needs the container.
 *
 * @param execution how calls run: synchronously, offloaded ({@code @Asynchronous}) or non-blocking ({@code Uni},
 *     {@code @AsynchronousNonBlocking})
 * @param shared the name under which replicas share the rate limit and breaker ({@code @Shared}), or null
 */
public record MethodDefinition(
        Class<?> beanClass,
        Method method,
        RetryDefinition retry,
        CircuitBreakerSpec circuitBreaker,
        RateLimitSpec rateLimit,
        TimeoutSpec timeout,
        BulkheadSpec bulkhead,
        FallbackDefinition fallback,
        Execution execution,
        String shared) {

    /** Whether the outcome is a returned stage, Future or Uni that the asynchronous driver follows. */
    public boolean asynchronous() {
        return execution.asynchronous();
    }

    /** The name the spec's metrics use: {@code <fully qualified class>.<method>}. */
    public String name() {
        return ClassNames.of(beanClass) + "." + method.getName();
    }

    /** {@code <class>.<method>()}, as problems name the method. */
    public String where() {
        return ClassNames.of(beanClass) + "." + method.getName() + "()";
    }

    /** Whether any strategy applies; a method without one is called straight through. */
    public boolean guarded() {
        return retry != null || circuitBreaker != null || rateLimit != null || timeout != null || bulkhead != null
                || fallback != null || execution == Execution.OFFLOADED;
    }
}
