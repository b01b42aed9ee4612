package dev.bulwark.cdi.health;

import dev.bulwark.cdi.definition.ConfigLookup;
import dev.bulwark.cdi.definition.DeploymentSettings;
import java.util.Set;

/** The breakers whose opening makes the health check DOWN: {@code bulwark.health.down-when-open}. */
record DownWhenOpen(boolean all, Set<String> names) {

    static DownWhenOpen read(ConfigLookup config) {
        Set<String> names = DeploymentSettings.downWhenOpen(config);
        return new DownWhenOpen(names.contains("*"), names);
    }

    boolean covers(String breaker) {
        return all || names.contains(breaker);
    }
}
