package dev.bulwark.cdi.definition;

import dev.bulwark.impl.exception.ExceptionMatcher;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import org.eclipse.microprofile.faulttolerance.Fallback;

/** Reads a method's {@code @Fallback}. */
final class FallbackReader implements StrategyReader {

    private final DefinitionReader.Lookup lookup;

    FallbackReader(DefinitionReader.Lookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public void read(MethodDefinition.Builder definition) {
        AnnotationParameters found = lookup.find(Fallback.class, definition.beanClass(), definition.method());
        if (found != null) {
            definition.inForce(Fallback.class).fallback(read(found, definition.beanClass(), definition.method()));
        }
    }

    /** A method's {@code @Fallback}: a handler that handles its return type, or a method with its signature. */
    static FallbackDefinition read(AnnotationParameters p, Class<?> beanClass, Method method) {
        ExceptionMatcher applyOn = ExceptionMatcher.of(p.throwables("applyOn"), p.throwables("skipOn"));
        HandlerOrMethod choice = HandlerOrMethod.read(p, "fallbackMethod", Fallback.DEFAULT.class, "FallbackHandler");
        if (choice == null) {
            return null;
        }
        Class<?> handler = choice.handler();
        String methodName = choice.methodName();
        if (handler != null) {
            Type handled = FallbackMethods.handledType(handler);
            if (!FallbackMethods.compatible(handled, method)) {
                p.invalid("value", handler.getName(), "must handle the method's return type "
                        + method.getGenericReturnType().getTypeName() + " (it handles " + handled.getTypeName() + ")");
                return null;
            }
            return new FallbackDefinition(handler, null, applyOn);
        }
        Method target = FallbackMethods.find(beanClass, method, methodName);
        if (target == null) {
            p.invalid("fallbackMethod", methodName, "must name a method of " + method.getDeclaringClass().getName()
                    + " (or a superclass method visible from it, or an interface method) with the parameter "
                    + "types and return type of " + method.toGenericString());
            return null;
        }
        return new FallbackDefinition(null, target, applyOn);
    }
}
