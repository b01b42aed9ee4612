package dev.bulwark.cdi.optional;

import java.util.Optional;

/**
 * An API the application may or may not have (MP Metrics, OpenTelemetry, a managed executor): its class, if
 * the extension can see it. Code that uses such an API is only loaded after this says it is there.
 */
public final class OptionalApi {

    private OptionalApi() {
    }

    /** The class called {@code name}, seen from the extension's class loader, if present. */
    public static Optional<Class<?>> find(String name) {
        try {
            return Optional.of(Class.forName(name, false, OptionalApi.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError absent) {
            return Optional.empty();
        }
    }

    public static boolean present(String name) {
        return find(name).isPresent();
    }
}
