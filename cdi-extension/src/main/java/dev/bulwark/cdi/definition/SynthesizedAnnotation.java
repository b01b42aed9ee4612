package dev.bulwark.cdi.definition;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An annotation instance made at run time (a preset's {@code @Retry}, MP Metrics 5's {@code @RegistryScope}): a proxy
 * of the annotation interface with the given member values, the members' defaults for the others, and the
 * {@link Annotation} contract for equals, hashCode, toString and annotationType.
 */
public final class SynthesizedAnnotation implements InvocationHandler {

    private final Class<? extends Annotation> type;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private SynthesizedAnnotation(Class<? extends Annotation> type, Map<String, ?> given) {
        this.type = type;
        for (Method member : type.getDeclaredMethods()) {
            Object value = given.containsKey(member.getName()) ? given.get(member.getName()) : member.getDefaultValue();
            if (value == null) {
                throw new IllegalArgumentException("@" + type.getName() + " needs a value for " + member.getName());
            }
            values.put(member.getName(), value);
        }
        for (String name : given.keySet()) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("@" + type.getName() + " has no member " + name);
            }
        }
    }

    /** An instance of {@code type} with {@code values} (member name to value) and the defaults otherwise. */
    @SuppressWarnings("unchecked")
    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new SynthesizedAnnotation(type, values));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Exception {
        String name = method.getName();
        if (values.containsKey(name) && method.getParameterCount() == 0) {
            Object value = values.get(name);
            return value.getClass().isArray() ? copy(value) : value;
        }
        switch (name) {
            case "annotationType":
                return type;
            case "hashCode":
                return hash();
            case "equals":
                return equalTo(args[0]);
            case "toString":
                return describe();
            default:
                throw new UnsupportedOperationException(method.toString());
        }
    }

    private int hash() {
        int hash = 0;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            hash += (127 * e.getKey().hashCode()) ^ valueHash(e.getValue());
        }
        return hash;
    }

    private boolean equalTo(Object other) throws Exception {
        if (!type.isInstance(other)) {
            return false;
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object theirs = type.getMethod(e.getKey()).invoke(other);
            if (!Arrays.deepEquals(new Object[] {e.getValue()}, new Object[] {theirs})) {
                return false;
            }
        }
        return true;
    }

    private String describe() {
        StringBuilder s = new StringBuilder("@").append(type.getName()).append('(');
        String separator = "";
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            s.append(separator).append(e.getKey()).append('=').append(v.getClass().isArray()
                    ? Arrays.deepToString(new Object[] {v}).replaceAll("^\\[|\\]$", "") : v);
            separator = ", ";
        }
        return s.append(')').toString();
    }

    private static int valueHash(Object value) {
        if (!value.getClass().isArray()) {
            return value.hashCode();
        }
        return Arrays.deepHashCode(new Object[] {value}) - 31;
    }

    private static Object copy(Object array) {
        int length = Array.getLength(array);
        Object copy = Array.newInstance(array.getClass().getComponentType(), length);
        System.arraycopy(array, 0, copy, 0, length);
        return copy;
    }
}
