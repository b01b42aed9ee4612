package dev.bulwark.cdi.definition;

import jakarta.interceptor.Interceptor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings of a deployment as a whole, beside those of its methods: read and validated here, with the methods'
 * definitions, so that every invalid value of a deployment is reported in one definition error.
 *
 * @param metricsEnabled {@value #METRICS_ENABLED}: whether the MP FT metrics are published (default true)
 * @param virtualThreads {@value #VIRTUAL_THREADS}: where asynchronous attempts run, {@code false} (default),
 *     {@code true} or {@code always}
 * @param sharedStore where {@code @Shared} state lives
 */
public record DeploymentSettings(boolean metricsEnabled, String virtualThreads, SharedStoreSettings sharedStore) {

    public static final String METRICS_ENABLED = "MP_Fault_Tolerance_Metrics_Enabled";
    public static final String VIRTUAL_THREADS = "bulwark.async.virtual-threads";
    public static final String INTERCEPTOR_PRIORITY = "mp.fault.tolerance.interceptor.priority";
    public static final String DOWN_WHEN_OPEN = "bulwark.health.down-when-open";
    public static final int DEFAULT_PRIORITY = Interceptor.Priority.PLATFORM_AFTER + 10;

    private static final Set<String> THREAD_CHOICES = Set.of("false", "true", "always");

    /** Reads the deployment's settings; an invalid one is added to {@code problems} and its default is used. */
    public static DeploymentSettings read(ConfigLookup config, Problems problems) {
        boolean metrics = config.flag(METRICS_ENABLED, problems).orElse(true);
        String threads = config.get(VIRTUAL_THREADS).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("false");
        if (!THREAD_CHOICES.contains(threads)) {
            problems.add("config key " + VIRTUAL_THREADS + " must be true, false or always, was " + threads);
            threads = "false";
        }
        return new DeploymentSettings(metrics, threads, SharedStoreSettings.read(config, problems));
    }

    /** The interceptor's priority: {@link #DEFAULT_PRIORITY}, or what {@value #INTERCEPTOR_PRIORITY} says. */
    public static int interceptorPriority(ConfigLookup config, Problems problems) {
        Optional<String> configured = config.get(INTERCEPTOR_PRIORITY).map(String::trim);
        if (configured.isEmpty()) {
            return DEFAULT_PRIORITY;
        }
        try {
            return Integer.parseInt(configured.get());
        } catch (NumberFormatException e) {
            problems.add("config key " + INTERCEPTOR_PRIORITY + " must be an int, was '" + configured.get() + "'");
            return DEFAULT_PRIORITY;
        }
    }

    /**
     * The breakers whose opening makes the health check DOWN ({@value #DOWN_WHEN_OPEN}): a comma-separated list of
     * names, {@code *} among them for every breaker; absent or empty: none.
     */
    public static Set<String> downWhenOpen(ConfigLookup config) {
        return config.get(DOWN_WHEN_OPEN)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }
}
