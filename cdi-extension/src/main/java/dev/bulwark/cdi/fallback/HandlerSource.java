package dev.bulwark.cdi.fallback;

import jakarta.enterprise.inject.Instance;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

/**
 * Where the {@code FallbackHandler} instance for each fallback comes from. Every instance is released after its
 * call, as a dependent bean would be.
 */
public interface HandlerSource {

    /** Gets an instance, lets it handle {@code context} and releases it again. */
    Object handle(ExecutionContext context) throws Exception;

    /**
     * The CDI bean of {@code handlerClass} when there is one; otherwise what {@code notABean} makes, which
     * depends on what the container can do (CDI Full can inject an unmanaged instance, CDI Lite cannot).
     */
    static HandlerSource of(Class<?> handlerClass, Instance<Object> beans,
            Function<Class<?>, HandlerSource> notABean) {
        @SuppressWarnings("unchecked")
        Instance<FallbackHandler<Object>> instance = (Instance<FallbackHandler<Object>>) (Instance<?>)
                beans.select(handlerClass);
        return instance.isResolvable() ? new BeanHandlers(instance) : notABean.apply(handlerClass);
    }
}
