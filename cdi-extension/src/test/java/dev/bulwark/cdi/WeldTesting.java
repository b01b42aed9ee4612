package dev.bulwark.cdi;

import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** Starts a Weld SE container with only the given beans (and the extension, found through its service file). */
final class WeldTesting {

    private WeldTesting() {
    }

    /** Starts a container after setting {@code properties} as system properties (the config the app sees). */
    static WeldContainer start(Map<String, String> properties, Class<?>... beans) {
        properties.forEach(System::setProperty);
        resetConfig();
        // Weld SE loads service-file extensions only when discovery is on; the tests pick their beans, so add it.
        return new Weld().disableDiscovery().addExtension(new BulwarkExtension()).addBeanClasses(beans).initialize();
    }

    /** Stops the container and removes the system properties again. */
    static void stop(WeldContainer container, Map<String, String> properties) {
        if (container != null && container.isRunning()) {
            container.shutdown();
        }
        properties.keySet().forEach(System::clearProperty);
        resetConfig();
    }

    private static void resetConfig() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig(cl));
    }
}
