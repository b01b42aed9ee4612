package dev.bulwark.cdi.retry;

import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * The one instance of a strategy, predicate or handler class that a guarded method uses for all its calls: the CDI
 * bean of that class when it is one (a client proxy for a normal scope), otherwise one made with its no-argument
 * constructor.
 */
final class SharedInstances {

    private SharedInstances() {
    }

    static <T> T of(Class<?> type, Class<T> required, Instance<Object> beans, String usedBy) {
        Instance<?> bean = beans.select(type);
        if (bean.isResolvable()) {
            return required.cast(bean.get());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return required.cast(constructor.newInstance());
        } catch (InvocationTargetException e) {
            throw new FaultToleranceDefinitionException(usedBy + ": " + type.getName() + " is not a CDI bean and its"
                    + " no-argument constructor failed", e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new FaultToleranceDefinitionException(usedBy + ": " + type.getName() + " is not a CDI bean and has"
                    + " no usable no-argument constructor: make it a bean or give it one", e);
        }
    }
}
