package dev.bulwark.cdi.definition;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;

/**
 * The type arguments a bean class gives to the type variables of its superclasses and interfaces, so that a
 * method declared as {@code fallback(T b)} in {@code Base<T>} reads as {@code fallback(Long b)} in
 * {@code Bean extends Base<Long>}; and structural equality of the resolved types.
 */
final class GenericTypes {

    private final Map<TypeVariable<?>, Type> bindings = new HashMap<>();

    GenericTypes(Class<?> beanClass) {
        bind(beanClass);
    }

    private void bind(Class<?> c) {
        if (c == null || c == Object.class) {
            return;
        }
        bind(c.getGenericSuperclass());
        for (Type i : c.getGenericInterfaces()) {
            bind(i);
        }
    }

    private void bind(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = p.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                bindings.putIfAbsent(variables[i], arguments[i]);
            }
            bind(raw);
        } else if (type instanceof Class<?> c) {
            bind(c);
        }
    }

    /** {@code type} with every type variable the bean class binds replaced by its argument. */
    Type resolve(Type type) {
        if (type instanceof TypeVariable<?> v) {
            Type bound = bindings.get(v);
            return bound == null || bound == v ? v : resolve(bound);
        }
        if (type instanceof GenericArrayType a) {
            Type component = resolve(a.getGenericComponentType());
            return component instanceof Class<?> c ? Array.newInstance(c, 0).getClass() : new ArrayOf(component);
        }
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments().clone();
            for (int i = 0; i < args.length; i++) {
                args[i] = resolve(args[i]);
            }
            return new Parameterized((Class<?>) p.getRawType(), args);
        }
        if (type instanceof WildcardType w) {
            return new Wildcard(resolveAll(w.getUpperBounds()), resolveAll(w.getLowerBounds()));
        }
        return type;
    }

    private Type[] resolveAll(Type[] types) {
        Type[] resolved = types.clone();
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = resolve(resolved[i]);
        }
        return resolved;
    }

    /** Whether two resolved types are the same type, argument for argument. */
    static boolean same(Type a, Type b) {
        if (a instanceof Parameterized pa && b instanceof Parameterized pb) {
            return pa.raw == pb.raw && sameAll(pa.args, pb.args);
        }
        if (a instanceof Wildcard wa && b instanceof Wildcard wb) {
            return sameAll(wa.upper, wb.upper) && sameAll(wa.lower, wb.lower);
        }
        if (a instanceof ArrayOf aa && b instanceof ArrayOf ab) {
            return same(aa.component, ab.component);
        }
        return a.equals(b);
    }

    static boolean sameAll(Type[] a, Type[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!same(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    private record Parameterized(Class<?> raw, Type[] args) implements Type {
    }

    private record Wildcard(Type[] upper, Type[] lower) implements Type {
    }

    private record ArrayOf(Type component) implements Type {
    }
}
