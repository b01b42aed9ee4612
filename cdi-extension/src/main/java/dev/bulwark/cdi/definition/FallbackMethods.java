package dev.bulwark.cdi.definition;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

/** Resolves fallback methods and checks fallback handlers against the guarded method, per the spec. */
final class FallbackMethods {

    private FallbackMethods() {
    }

    /**
     * The method called {@code name} with the guarded method's parameter types and return type, declared on the
     * bean class, a superclass or an interface (default methods), with any visibility; null if none.
     */
    static Method find(Class<?> beanClass, Method guarded, String name) {
        Deque<Class<?>> toVisit = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            toVisit.add(c);
        }
        while (!toVisit.isEmpty()) {
            Class<?> c = toVisit.poll();
            if (!seen.add(c)) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && !m.isBridge() && !Modifier.isStatic(m.getModifiers())
                        && Arrays.equals(m.getParameterTypes(), guarded.getParameterTypes())
                        && sameType(m.getReturnType(), guarded.getReturnType())) {
                    return m;
                }
            }
            toVisit.addAll(Arrays.asList(c.getInterfaces()));
        }
        return null;
    }

    /**
     * The type a FallbackHandler class handles ({@code T} of {@code FallbackHandler<T>}), or null if it cannot
     * be told (a raw or generic handler).
     */
    static Type handledType(Class<?> handler) {
        for (Class<?> c = handler; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == FallbackHandler.class) {
                    return p.getActualTypeArguments()[0];
                }
            }
        }
        return null;
    }

    /** Whether a handler of {@code handled} can replace the result of {@code guarded}. */
    static boolean compatible(Type handled, Method guarded) {
        if (handled == null || !(handled instanceof Class<?> || handled instanceof ParameterizedType)) {
            return true;
        }
        Class<?> handledRaw = raw(handled);
        Class<?> returned = guarded.getReturnType();
        if (sameType(handledRaw, returned)) {
            return true;
        }
        // An asynchronous method's handler returns the same kind of Future/CompletionStage.
        return (Future.class.isAssignableFrom(returned) || CompletionStage.class.isAssignableFrom(returned))
                && returned.isAssignableFrom(handledRaw);
    }

    private static Class<?> raw(Type t) {
        return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
    }

    static boolean sameType(Class<?> a, Class<?> b) {
        return box(a) == box(b);
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        if (c == double.class) {
            return Double.class;
        }
        if (c == float.class) {
            return Float.class;
        }
        if (c == short.class) {
            return Short.class;
        }
        if (c == byte.class) {
            return Byte.class;
        }
        if (c == char.class) {
            return Character.class;
        }
        return Void.class;
    }
}
