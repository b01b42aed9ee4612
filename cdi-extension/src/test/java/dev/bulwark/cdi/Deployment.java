package dev.bulwark.cdi;

import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * One Weld container with its own config, for a test that needs config other than its neighbours': closing it
 * stops the container and removes the config again, so state and settings never leak into the next test.
 */
final class Deployment implements AutoCloseable {

    private final Map<String, String> config;
    private final WeldContainer weld;

    private Deployment(Map<String, String> config, WeldContainer weld) {
        this.config = config;
        this.weld = weld;
    }

    /** Deploys {@code beans} with {@code config} as MicroProfile Config (set as system properties). */
    static Deployment of(Map<String, String> config, Class<?>... beans) {
        try {
            return new Deployment(config, WeldTesting.start(config, beans));
        } catch (RuntimeException | Error failed) {
            // A deployment that fails must not leave its config behind for the next test.
            WeldTesting.stop(null, config);
            throw failed;
        }
    }

    static Deployment of(Class<?>... beans) {
        return of(Map.of(), beans);
    }

    /** A new reference to the bean (a new instance for a @Dependent bean). */
    <T> T bean(Class<T> type) {
        return weld.select(type).get();
    }

    @Override
    public void close() {
        WeldTesting.stop(weld, config);
    }
}
