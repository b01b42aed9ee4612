package dev.bulwark.examples;

import java.io.PrintStream;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Prints the fault-tolerance settings this example overrides and where each value came from, so that a
 * {@code -D} option or an environment variable visibly wins over {@code microprofile-config.properties}.
 */
final class ConfigReport {

    /** The key README.md uses to show overriding from the command line and the environment. */
    static final String STOCK_MAX_RETRIES = InventoryClient.class.getName() + "/stock/Retry/maxRetries";

    /** The keys set in META-INF/microprofile-config.properties, one of each form. */
    static final List<String> KEYS = List.of(
            STOCK_MAX_RETRIES,
            PriceClient.class.getName() + "/RateLimit/value",
            "Bulkhead/waitingTaskQueue",
            "Timeout/enabled",
            "MP_Fault_Tolerance_NonFallback_Enabled");

    private ConfigReport() {
    }

    static void print(PrintStream out) {
        Config config = ConfigProvider.getConfig();
        out.println("Configuration overrides in force:");
        for (String key : KEYS) {
            ConfigValue value = config.getConfigValue(key);
            String shown = value.getValue() == null ? "(not set)"
                    : value.getValue() + "   <- " + source(value.getSourceName());
            out.println("  " + key + " = " + shown);
        }
        out.println();
        out.flush();
    }

    /** A short name for a config source: SmallRye's names include whole jar URLs. */
    private static String source(String sourceName) {
        if (sourceName == null) {
            return "?";
        }
        if (sourceName.contains("microprofile-config.properties")) {
            return "microprofile-config.properties";
        }
        if (sourceName.contains("SysProp")) {
            return "system property (-D)";
        }
        if (sourceName.contains("Env")) {
            return "environment variable";
        }
        return sourceName;
    }
}
