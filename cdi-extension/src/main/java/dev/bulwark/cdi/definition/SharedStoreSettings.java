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
    public static final String REQUEST_QUEUE_SIZE = SharedStoreOptions.REQUEST_QUEUE_SIZE;
    public static final String ON_FAILURE = SharedStoreOptions.ON_FAILURE;

    private static final Set<String> ON_FAILURE_CHOICES = Set.of("local", "allow", "reject");

    public String url() {
        return options.url();
    }

    /** Reads the store's keys; an invalid value is added to {@code problems}, naming its key, and left at its default. */
    static SharedStoreSettings read(ConfigLookup config, Problems problems) {
        String url = config.get(URL).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        String prefix = config.get(KEY_PREFIX).map(String::trim).orElse(null);
        long timeout = atLeastOne(config, COMMAND_TIMEOUT, "milliseconds", Long.MAX_VALUE, problems);
        int queueSize = (int) atLeastOne(config, REQUEST_QUEUE_SIZE, "commands", Integer.MAX_VALUE, problems);
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
        return new SharedStoreSettings(SharedStoreOptions.builder(url).keyPrefix(prefix).commandTimeoutMillis(timeout)
                .requestQueueSize(queueSize).onFailure(onFailure).cluster(cluster).tlsCaFile(caFile)
                .tlsTrustStore(trustStore).tlsTrustStorePassword(trustStorePassword).build());
    }

    /**
     * {@code key} as a whole number of {@code unit} from 1 to {@code max}; 0 (the store's default) when it is not set,
     * or when it is invalid, which is added to {@code problems}.
     */
    private static long atLeastOne(ConfigLookup config, String key, String unit, long max, Problems problems) {
        Optional<String> raw = config.get(key);
        if (raw.isEmpty()) {
            return 0;
        }
        long value;
        try {
            value = Long.parseLong(raw.get().trim());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 1 || value > max) {
            problems.add("config key " + key + " must be a whole number of " + unit + " >= 1"
                    + (max == Long.MAX_VALUE ? "" : " and <= " + max) + ", was \"" + raw.get() + "\"");
            return 0;
        }
        return value;
    }

    private static String nonBlank(ConfigLookup config, String key) {
        return config.get(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
    }
}
