package dev.bulwark.cdi.fallback;

import dev.bulwark.cdi.definition.FallbackDefinition;
import dev.bulwark.impl.fallback.ContextualFallback;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Function;

/** Builds the engine's fallback for a resolved {@code @Fallback}: a handler bean or a method of the bean. */
public final class Fallbacks {

    private Fallbacks() {
    }

    /**
     * @param beans where handler beans are looked up
     * @param notABean how the container makes a handler whose class is not a bean
     */
    public static ContextualFallback of(FallbackDefinition definition, Instance<Object> beans,
            Function<Class<?>, HandlerSource> notABean) {
        if (definition.handler() != null) {
            HandlerSource handlers = HandlerSource.of(definition.handler(), beans, notABean);
            return (context, failure) -> {
                InvocationContext invocation = (InvocationContext) context;
                return handlers.handle(new ExecutionContextImpl(invocation.getMethod(), invocation.getParameters(),
                        failure));
            };
        }
        Method method = definition.method();
        method.setAccessible(true);
        return (context, failure) -> {
            InvocationContext invocation = (InvocationContext) context;
            try {
                return method.invoke(invocation.getTarget(), invocation.getParameters());
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        };
    }
}
