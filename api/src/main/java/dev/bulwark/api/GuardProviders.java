package dev.bulwark.api;

import dev.bulwark.api.spi.GuardProvider;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the {@link GuardProvider} once. A missing or broken engine is an {@link IllegalStateException} that says
 * which artifact to add, on every call: a lookup that fails is not remembered, so it never turns into an
 * {@code ExceptionInInitializerError} first and a {@code NoClassDefFoundError} after.
 */
final class GuardProviders {

    static final String ARTIFACT = "dev.bulwark:bulwark-impl";

    private static volatile GuardProvider provider;

    private GuardProviders() {
    }

    static GuardProvider get() {
        GuardProvider found = provider;
        if (found == null) {
            synchronized (GuardProviders.class) {
                found = provider;
                if (found == null) {
                    found = load(GuardProvider.class.getClassLoader());
                    provider = found;
                }
            }
        }
        return found;
    }

    /** The first provider {@code loader} sees; an {@link IllegalStateException} naming the artifact if none loads. */
    static GuardProvider load(ClassLoader loader) {
        try {
            return ServiceLoader.load(GuardProvider.class, loader).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No Bulwark engine found: add " + ARTIFACT
                            + " (the same version as bulwark-api) to the class path"));
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("The Bulwark engine could not be loaded: " + e.getMessage()
                    + "; add " + ARTIFACT + " of the same version as bulwark-api to the class path, once", e);
        }
    }
}
