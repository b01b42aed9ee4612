package dev.bulwark.cdi.definition;

import dev.bulwark.impl.shared.SharedStoreOptions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where the replicas of a deployment share {@code @Shared} state, from MicroProfile Config, validated with the rest
 * of the deployment's definition: the engine's {@link SharedStoreOptions}, which a store module ({@code bulwark-redis})
 * opens. The keys and their meaning are {@link SharedStoreOptions}'s.
 */
public record SharedStoreSettings(SharedStoreOptions options) {

    public static final String URL = SharedStoreOptions.URL;
    public static final String KEY_PREFIX = SharedStoreOptions.KEY_PREFIX;
    public static final String COMMAND_TIMEOUT = SharedStoreOptions.COMMAND_TIMEOUT;
    public static final String ON_FAILURE = SharedStoreOptions.ON_FAILURE;

    private static final Set<String> ON_FAILURE_CHOICES = Set.of("local", "allow", "reject");

    public String url() {
        return options.url();
    }

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
        boolean cluster = false;
        Optional<String> rawCluster = config.get(SharedStoreOptions.CLUSTER).map(v -> v.trim().toLowerCase(Locale.ROOT));
        if (rawCluster.isPresent()) {
            if (!rawCluster.get().equals("true") && !rawCluster.get().equals("false")) {
                problems.add("config key " + SharedStoreOptions.CLUSTER + " must be true or false, was \""
                        + config.get(SharedStoreOptions.CLUSTER).get() + "\"");
            }
            cluster = rawCluster.get().equals("true");
        }
        String caFile = nonBlank(config, SharedStoreOptions.TLS_CA_FILE);
        String trustStore = nonBlank(config, SharedStoreOptions.TLS_TRUST_STORE);
        if (caFile != null && trustStore != null) {
            problems.add("config keys " + SharedStoreOptions.TLS_CA_FILE + " and " + SharedStoreOptions.TLS_TRUST_STORE
                    + " are both set: choose one, was \"" + caFile + "\" and \"" + trustStore + "\"");
        }
        // The password is never quoted in a message.
        String trustStorePassword = config.get(SharedStoreOptions.TLS_TRUST_STORE_PASSWORD).orElse(null);
        return new SharedStoreSettings(new SharedStoreOptions(url, prefix, timeout, onFailure, cluster, caFile,
                trustStore, trustStorePassword));
    }

    private static String nonBlank(ConfigLookup config, String key) {
        return config.get(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
    }
}
