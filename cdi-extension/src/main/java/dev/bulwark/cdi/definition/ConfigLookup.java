package dev.bulwark.cdi.definition;

import java.util.Optional;

/**
 * Reads one MicroProfile Config property. A function rather than {@code Config} itself, so that the reading
 * of definitions can be tested without a config implementation and reused by a build-time extension.
 */
@FunctionalInterface
public interface ConfigLookup {

    ConfigLookup NONE = key -> Optional.empty();

    Optional<String> get(String key);
}
