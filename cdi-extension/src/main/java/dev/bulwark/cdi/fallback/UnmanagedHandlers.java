package dev.bulwark.cdi.fallback;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Unmanaged;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

/**
 * CDI Full (Weld, Helidon): a handler class that is not a bean (no bean-defining annotation in an annotated
 * archive) gets an instance that the container creates and injects without managing it.
 */
public final class UnmanagedHandlers implements HandlerSource {

    private final Unmanaged<FallbackHandler<Object>> unmanaged;

    @SuppressWarnings("unchecked")
    public UnmanagedHandlers(BeanManager beans, Class<?> handlerClass) {
        this.unmanaged = new Unmanaged<>(beans, (Class<FallbackHandler<Object>>) handlerClass);
    }

    @Override
    public Object handle(ExecutionContext context) {
        Unmanaged.UnmanagedInstance<FallbackHandler<Object>> instance = unmanaged.newInstance();
        try {
            return instance.produce().inject().postConstruct().get().handle(context);
        } finally {
            instance.preDestroy().dispose();
        }
    }
}
