package dev.bulwark.cdi.metrics;

import dev.bulwark.cdi.optional.OptionalApi;
import dev.bulwark.cdi.definition.SynthesizedAnnotation;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;

/**
 * MP Metrics 5's {@code @RegistryScope(scope = "base")} as an annotation instance, made without compiling against
 * MP Metrics 5 (Bulwark is built against MP Metrics 4, whose TCK package it runs).
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

    @SuppressWarnings("unchecked")
    private static Annotation scope(Class<?> type) {
        return SynthesizedAnnotation.of((Class<? extends Annotation>) type, Map.of("scope", BASE));
    }
}
