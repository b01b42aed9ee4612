package dev.bulwark.cdi.definition;

import java.util.Optional;

/**
 * On a build-compatible container (Quarkus) the interceptor's priority is fixed when the application is built: the
 * value of {@value DeploymentSettings#INTERCEPTOR_PRIORITY} at start cannot move it, so a different one is worth
 * one warning rather than silence.
 */
public final class BuildTimePriority {

    private BuildTimePriority() {
    }

    /**
     * The warning for a start whose config says another priority than {@code builtWith}, the one the build gave the
     * interceptor; empty when they agree (an absent key means the default).
     */
    public static Optional<String> warning(int builtWith, ConfigLookup runtime) {
        Problems problems = new Problems();
        int atStart = DeploymentSettings.interceptorPriority(runtime, problems);
        String said = runtime.get(DeploymentSettings.INTERCEPTOR_PRIORITY).map(String::trim)
                .orElse(String.valueOf(DeploymentSettings.DEFAULT_PRIORITY) + " (the default)");
        if (problems.isEmpty() && atStart == builtWith) {
            return Optional.empty();
        }
        return Optional.of("Config key " + DeploymentSettings.INTERCEPTOR_PRIORITY + " is " + said + " at run time,"
                + " but the fault-tolerance interceptor's priority was fixed at " + builtWith + " when the application"
                + " was built, and stays " + builtWith + "; set it at build time (in application.properties, then"
                + " rebuild) to change it");
    }
}
