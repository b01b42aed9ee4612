package dev.bulwark.cdi.fallback;

import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

/** Handlers that are CDI beans: one reference per fallback, destroyed afterwards (a no-op unless dependent). */
final class BeanHandlers implements HandlerSource {

    private final Instance<FallbackHandler<Object>> instance;

    BeanHandlers(Instance<FallbackHandler<Object>> instance) {
        this.instance = instance;
    }

    @Override
    public Object handle(ExecutionContext context) {
        FallbackHandler<Object> handler = instance.get();
        try {
            return handler.handle(context);
        } finally {
            instance.destroy(handler);
        }
    }
}
