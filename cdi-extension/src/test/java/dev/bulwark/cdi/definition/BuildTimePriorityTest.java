package dev.bulwark.cdi.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * On Quarkus the interceptor's priority is fixed at build time; the start-up check warns when the running
 * application's config says another. (Weld reads it at start, so this cannot be shown there.)
 */
class BuildTimePriorityTest {

    private static ConfigLookup config(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    @Test
    void shouldWarnWhenTheRuntimePriorityDiffersFromTheBuildOne() {
        assertEquals(Optional.of("Config key mp.fault.tolerance.interceptor.priority is 5000 at run time, but the"
                + " fault-tolerance interceptor's priority was fixed at 4010 when the application was built, and stays"
                + " 4010; set it at build time (in application.properties, then rebuild) to change it"),
                BuildTimePriority.warning(4010, config(Map.of(DeploymentSettings.INTERCEPTOR_PRIORITY, "5000"))));
    }

    @Test
    void shouldWarnWhenTheRuntimeConfigDropsAPriorityTheBuildUsed() {
        assertEquals(Optional.of("Config key mp.fault.tolerance.interceptor.priority is 4010 (the default) at run"
                + " time, but the fault-tolerance interceptor's priority was fixed at 5000 when the application was"
                + " built, and stays 5000; set it at build time (in application.properties, then rebuild) to change"
                + " it"), BuildTimePriority.warning(5000, ConfigLookup.NONE));
    }

    @Test
    void shouldWarnWhenTheRuntimePriorityIsNotAnInt() {
        assertEquals(true, BuildTimePriority.warning(4010,
                config(Map.of(DeploymentSettings.INTERCEPTOR_PRIORITY, "high"))).orElseThrow().startsWith(
                "Config key mp.fault.tolerance.interceptor.priority is high at run time, but"));
    }

    @Test
    void shouldStaySilentWhenTheRuntimePriorityIsTheBuildOne() {
        assertEquals(Optional.empty(), BuildTimePriority.warning(5000,
                config(Map.of(DeploymentSettings.INTERCEPTOR_PRIORITY, " 5000 "))));
        assertEquals(Optional.empty(), BuildTimePriority.warning(DeploymentSettings.DEFAULT_PRIORITY,
                ConfigLookup.NONE));
    }
}
