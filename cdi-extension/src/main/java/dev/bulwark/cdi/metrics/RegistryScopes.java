package dev.bulwark.cdi.metrics;

import dev.bulwark.cdi.OptionalApi;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * MP Metrics 5's {@code @RegistryScope(scope = "base")} as an annotation instance, made without compiling against
 * MP Metrics 5 (Bulwark is built against MP Metrics 4, whose TCK package it runs): a proxy of the annotation
 * interface that honours the {@link Annotation} contract (equals, hashCode, toString, annotationType).
 */
public final class RegistryScopes {

    /** The annotation that only MP Metrics 5 has. */
    public static final String REGISTRY_SCOPE = "org.eclipse.microprofile.metrics.annotation.RegistryScope";

    private static final String BASE = "base";

    private RegistryScopes() {
    }

    /** {@code @RegistryScope(scope = "base")}, or empty without MP Metrics 5. */
    public static Optional<Annotation> base() {
        return OptionalApi.find(REGISTRY_SCOPE).map(RegistryScopes::scope);
    }

    private static Annotation scope(Class<?> type) {
        return (Annotation) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "scope" -> BASE;
                    case "annotationType" -> type;
                    case "hashCode" -> (127 * "scope".hashCode()) ^ BASE.hashCode();
                    case "equals" -> type.isInstance(args[0])
                            && BASE.equals(type.getMethod("scope").invoke(args[0]));
                    case "toString" -> "@" + type.getName() + "(scope=\"" + BASE + "\")";
                    default -> throw new UnsupportedOperationException(method.toString());
                });
    }
}
