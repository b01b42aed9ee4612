package dev.bulwark.cdi;

import dev.bulwark.cdi.definition.ConfigLookup;
import dev.bulwark.cdi.definition.Problems;
import jakarta.interceptor.Interceptor;
import java.util.Optional;

/** The interceptor's priority: {@code PLATFORM_AFTER + 10}, or what {@value #KEY} says. */
final class InterceptorPriority {

    static final String KEY = "mp.fault.tolerance.interceptor.priority";
    static final int DEFAULT = Interceptor.Priority.PLATFORM_AFTER + 10;

    private InterceptorPriority() {
    }

    static int read(ConfigLookup config, Problems problems) {
        Optional<String> configured = config.get(KEY).map(String::trim);
        if (configured.isEmpty()) {
            return DEFAULT;
        }
        try {
            return Integer.parseInt(configured.get());
        } catch (NumberFormatException e) {
            problems.add("config key " + KEY + " must be an int, was '" + configured.get() + "'");
            return DEFAULT;
        }
    }
}
