package dev.bulwark.cdi.fallback;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * CDI Lite (Quarkus): a handler class that is not a bean cannot be injected by the container, so each fallback
 * gets a new instance from its no-argument constructor. The build-compatible extension makes every handler
 * class it can see a bean, so this serves only handlers outside the application's index.
 */
public final class ConstructedHandlers implements HandlerSource {

    private final Constructor<?> constructor;

    public ConstructedHandlers(Class<?> handlerClass) {
        try {
            constructor = handlerClass.getDeclaredConstructor();
            constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new FaultToleranceDefinitionException("FallbackHandler " + handlerClass.getName()
                    + " is not a CDI bean and has no usable no-argument constructor: make it a bean (for example"
                    + " @Dependent) or give it one", e);
        }
    }

    @Override
    public Object handle(ExecutionContext context) throws Exception {
        Object handler;
        try {
            handler = constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
        @SuppressWarnings("unchecked")
        FallbackHandler<Object> typed = (FallbackHandler<Object>) handler;
        return typed.handle(context);
    }
}
