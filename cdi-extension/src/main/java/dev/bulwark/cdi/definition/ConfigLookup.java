package dev.bulwark.cdi.definition;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads one MicroProfile Config property. A function rather than {@code Config} itself, so that the reading
 * of definitions can be tested without a config implementation and reused by a build-time extension.
 */
@FunctionalInterface
public interface ConfigLookup {

    ConfigLookup NONE = key -> Optional.empty();

    Optional<String> get(String key);

    /**
     * The application's MicroProfile Config, as the thread's class loader sees it (on Quarkus, the config of
     * the running application, not of its build); {@link #NONE} without an MP Config implementation, so that
     * annotations then apply as written. An empty value counts as absent, as MP Config defines.
     */
    static ConfigLookup microProfile() {
        Config config;
        try {
            config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
        } catch (RuntimeException | LinkageError noConfig) {
            return NONE;
        }
        return key -> config.getOptionalValue(key, String.class).filter(v -> !v.isEmpty());
    }

    /**
     * The boolean at {@code key}: only {@code true} or {@code false} (any case) are taken; anything else is a
     * problem and reads as absent, so that a typo never silently switches a feature.
     */
    default Optional<Boolean> flag(String key, Problems problems) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String v = raw.get().trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Optional.of(Boolean.parseBoolean(v));
        }
        problems.add("config key " + key + " must be true or false, was " + v);
        return Optional.empty();
    }
}
