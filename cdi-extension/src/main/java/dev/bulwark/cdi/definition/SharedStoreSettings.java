package dev.bulwark.cdi.definition;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where the replicas of a deployment share {@code @Shared} state, from MicroProfile Config, validated with the rest
 * of the deployment's definition. What a store module ({@code bulwark-redis}) opens.
 *
 * @param url {@value #URL}, or null when it is not set (then no method may be {@code @Shared})
 * @param keyPrefix {@value #KEY_PREFIX}, or null for the store's default ({@code bulwark:})
 * @param commandTimeoutMillis {@value #COMMAND_TIMEOUT} in milliseconds, >= 1; 0 for the store's default (50)
 * @param onFailure {@value #ON_FAILURE}: {@code local}, {@code allow} or {@code reject}; null for the default (local)
 */
public record SharedStoreSettings(String url, String keyPrefix, long commandTimeoutMillis, String onFailure) {

    public static final String URL = "bulwark.redis.url";
    public static final String KEY_PREFIX = "bulwark.redis.key-prefix";
    public static final String COMMAND_TIMEOUT = "bulwark.redis.command-timeout";
    public static final String ON_FAILURE = "bulwark.redis.on-failure";

    private static final Set<String> ON_FAILURE_CHOICES = Set.of("local", "allow", "reject");

    /** Reads the store's keys; an invalid value is added to {@code problems}, naming its key, and left at its default. */
    static SharedStoreSettings read(ConfigLookup config, Problems problems) {
        String url = config.get(URL).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        String prefix = config.get(KEY_PREFIX).map(String::trim).orElse(null);
        long timeout = 0;
        Optional<String> rawTimeout = config.get(COMMAND_TIMEOUT);
        if (rawTimeout.isPresent()) {
            try {
                timeout = Long.parseLong(rawTimeout.get().trim());
            } catch (NumberFormatException e) {
                timeout = -1;
            }
            if (timeout < 1) {
                problems.add("config key " + COMMAND_TIMEOUT + " must be a whole number of milliseconds >= 1, was \""
                        + rawTimeout.get() + "\"");
                timeout = 0;
            }
        }
        String onFailure = config.get(ON_FAILURE).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse(null);
        if (onFailure != null && !ON_FAILURE_CHOICES.contains(onFailure)) {
            problems.add("config key " + ON_FAILURE + " must be local, allow or reject, was \""
                    + config.get(ON_FAILURE).get() + "\"");
            onFailure = null;
        }
        return new SharedStoreSettings(url, prefix, timeout, onFailure);
    }
}
