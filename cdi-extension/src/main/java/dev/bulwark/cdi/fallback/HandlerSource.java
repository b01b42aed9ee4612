package dev.bulwark.cdi.fallback;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Unmanaged;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

/**
 * Where a {@code FallbackHandler} instance comes from for each fallback: the CDI bean of that class, or, for a
 * handler class that is not a bean (no bean-defining annotation in an annotated archive), an instance CDI
 * creates and injects without managing it. Either way it is destroyed after the call, as a dependent would be.
 */
abstract sealed class HandlerSource {

    static HandlerSource of(Class<?> handlerClass, BeanManager beans) {
        @SuppressWarnings("unchecked")
        Instance<FallbackHandler<Object>> instance = (Instance<FallbackHandler<Object>>) (Instance<?>)
                beans.createInstance().select(handlerClass);
        if (instance.isResolvable()) {
            return new Bean(instance);
        }
        @SuppressWarnings("unchecked")
        Class<FallbackHandler<Object>> type = (Class<FallbackHandler<Object>>) handlerClass;
        return new NotABean(new Unmanaged<>(beans, type));
    }

    abstract Object handle(ExecutionContext context) throws Exception;

    private static final class Bean extends HandlerSource {
        private final Instance<FallbackHandler<Object>> instance;

        Bean(Instance<FallbackHandler<Object>> instance) {
            this.instance = instance;
        }

        @Override
        Object handle(ExecutionContext context) {
            FallbackHandler<Object> handler = instance.get();
            try {
                return handler.handle(context);
            } finally {
                instance.destroy(handler);
            }
        }
    }

    private static final class NotABean extends HandlerSource {
        private final Unmanaged<FallbackHandler<Object>> unmanaged;

        NotABean(Unmanaged<FallbackHandler<Object>> unmanaged) {
            this.unmanaged = unmanaged;
        }

        @Override
        Object handle(ExecutionContext context) {
            Unmanaged.UnmanagedInstance<FallbackHandler<Object>> instance = unmanaged.newInstance();
            try {
                return instance.produce().inject().postConstruct().get().handle(context);
            } finally {
                instance.preDestroy().dispose();
            }
        }
    }
}
