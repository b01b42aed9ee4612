package dev.bulwark.cdi.definition;

import dev.bulwark.impl.async.AsyncTypes;
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
     * The method called {@code name} whose parameter and return types, with the bean class's type arguments
     * filled in, are the guarded method's. It is declared on the guarded method's class (any visibility), on
     * a superclass (if the guarded class can see it: not private, package-private only in the same package)
     * or on an interface (abstract or default: the call dispatches to the bean's implementation); null if none.
     * For a method returning {@code Uni<X>}, the fallback may also return {@code X} (it becomes the Uni's item).
     */
    static Method find(Class<?> beanClass, Method guarded, String name) {
        GenericTypes types = new GenericTypes(beanClass);
        Type[] wanted = resolved(types, guarded.getGenericParameterTypes());
        Type wantedReturn = types.resolve(guarded.getGenericReturnType());
        Type item = uniItem(guarded.getGenericReturnType());
        item = item == null ? null : types.resolve(item);
        Class<?> declaring = guarded.getDeclaringClass();
        Deque<Class<?>> interfaces = new ArrayDeque<>();
        for (Class<?> c = declaring; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (c == declaring || visibleFrom(m, declaring)) {
                    if (matches(m, name, types, wanted, wantedReturn, item)) {
                        return m;
                    }
                }
            }
            interfaces.addAll(Arrays.asList(c.getInterfaces()));
        }
        Set<Class<?>> seen = new HashSet<>();
        while (!interfaces.isEmpty()) {
            Class<?> i = interfaces.poll();
            if (!seen.add(i)) {
                continue;
            }
            for (Method m : i.getDeclaredMethods()) {
                if (matches(m, name, types, wanted, wantedReturn, item)) {
                    return m;
                }
            }
            interfaces.addAll(Arrays.asList(i.getInterfaces()));
        }
        return null;
    }

    private static boolean matches(Method m, String name, GenericTypes types, Type[] wanted, Type wantedReturn,
            Type item) {
        if (!m.getName().equals(name) || m.isBridge() || m.isSynthetic() || Modifier.isStatic(m.getModifiers())
                || m.getParameterCount() != wanted.length
                || !GenericTypes.sameAll(resolved(types, m.getGenericParameterTypes()), wanted)) {
            return false;
        }
        Type returned = types.resolve(m.getGenericReturnType());
        return sameReturn(returned, wantedReturn) || item != null && sameReturn(returned, item);
    }

    /** {@code X} of a {@code Uni<X>} return type, or null for any other type. */
    static Type uniItem(Type returnType) {
        if (returnType instanceof ParameterizedType p && AsyncTypes.isUni((Class<?>) p.getRawType())) {
            return p.getActualTypeArguments()[0];
        }
        return null;
    }

    private static boolean sameReturn(Type a, Type b) {
        if (a instanceof Class<?> ca && b instanceof Class<?> cb) {
            return sameType(ca, cb);
        }
        return GenericTypes.same(a, b);
    }

    private static boolean visibleFrom(Method m, Class<?> from) {
        int mod = m.getModifiers();
        if (Modifier.isPrivate(mod)) {
            return false;
        }
        return Modifier.isPublic(mod) || Modifier.isProtected(mod)
                || m.getDeclaringClass().getPackageName().equals(from.getPackageName());
    }

    private static Type[] resolved(GenericTypes types, Type[] generic) {
        Type[] out = new Type[generic.length];
        for (int i = 0; i < generic.length; i++) {
            out[i] = types.resolve(generic[i]);
        }
        return out;
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
        // A Uni method's handler may return the Uni's item type.
        Type item = uniItem(guarded.getGenericReturnType());
        if (item != null && (item instanceof Class<?> || item instanceof ParameterizedType)
                && sameType(raw(item), handledRaw)) {
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
