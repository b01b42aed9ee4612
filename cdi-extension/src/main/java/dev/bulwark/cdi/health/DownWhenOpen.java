package dev.bulwark.cdi.health;

import dev.bulwark.cdi.definition.ConfigLookup;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The breakers whose opening makes the health check DOWN: {@code bulwark.health.down-when-open}. */
record DownWhenOpen(boolean all, Set<String> names) {

    static final String KEY = "bulwark.health.down-when-open";

    /** A comma-separated list of breaker names, or {@code *} for every breaker; absent or empty: none. */
    static DownWhenOpen read(ConfigLookup config) {
        Set<String> names = config.get(KEY)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
        return new DownWhenOpen(names.contains("*"), names);
    }

    boolean covers(String breaker) {
        return all || names.contains(breaker);
    }
}
