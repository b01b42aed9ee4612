package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RateLimitException;
import dev.bulwark.api.Shared;
import dev.bulwark.cdi.BulwarkExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code @Shared} on CDI beans: two Weld containers on one Redis stand for two replicas of an application. */
class SharedCdiTest {

    @ApplicationScoped
    public static class Partner {
        @RateLimit(value = 3, window = 60)
        @Shared
        public String quote() {
            return "quote";
        }

        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1, delay = 60_000)
        @Shared("partner-orders")
        public String order(boolean fail) {
            if (fail) {
                throw new IllegalStateException("down");
            }
            return "ordered";
        }
    }

    @ApplicationScoped
    public static class NothingToShare {
        @Shared
        public String plain() {
            return "plain";
        }
    }

    /** A limit far above what a test takes, so that every call decided locally is granted. */
    @ApplicationScoped
    public static class Roomy {
        @RateLimit(value = 1000, window = 1)
        @Shared
        public String quote() {
            return "quote";
        }
    }

    /** The application's Micrometer registry, as Quarkus' micrometer extensions give one. */
    @ApplicationScoped
    public static class Registry {
        @Produces
        @ApplicationScoped
        MeterRegistry registry() {
            return new SimpleMeterRegistry();
        }
    }

    @RegisterExtension
    static final RedisReplicas redis = new RedisReplicas(0);

    private static WeldContainer deploy(Map<String, String> config, Class<?>... beans) {
        config.forEach(System::setProperty);
        try {
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
            return new Weld().disableDiscovery().addExtension(new BulwarkExtension()).addBeanClasses(beans)
                    .initialize();
        } finally {
            config.keySet().forEach(System::clearProperty);
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        }
    }

    private static Map<String, String> config(String prefix) {
        Map<String, String> config = new HashMap<>();
        config.put("bulwark.redis.url", redis.server().url());
        config.put("bulwark.redis.key-prefix", prefix);
        return config;
    }

    private static int quotes(WeldContainer app, int tries) {
        int granted = 0;
        for (int i = 0; i < tries; i++) {
            try {
                app.select(Partner.class).get().quote();
                granted++;
            } catch (RateLimitException refused) {
                // over the shared limit
            }
        }
        return granted;
    }

    @Test
    void shouldShareTheRateLimitAndTheBreakerBetweenReplicas() {
        String prefix = "cdi-" + System.nanoTime() + ":";
        try (WeldContainer one = deploy(config(prefix), Partner.class);
                WeldContainer two = deploy(config(prefix), Partner.class)) {
            assertEquals(3, quotes(one, 2) + quotes(two, 2), "3 per minute for both replicas together");
            assertTrue(redis.server().command("EXISTS " + prefix + "rl:{" + Partner.class.getName() + ".quote}").startsWith(":1"),
                    "the default name is <class>.<method>");

            for (int i = 0; i < 2; i++) {
                assertThrows(IllegalStateException.class, () -> one.select(Partner.class).get().order(true));
            }
            Partner other = two.select(Partner.class).get();
            SharedRedisWait.until(() -> {
                try {
                    other.order(false);
                    return false;
                } catch (CircuitBreakerOpenException open) {
                    return true;
                }
            }, 100, "the other replica's breaker opens");
        }
    }

    @Test
    void shouldShowWhetherTheStoreAnswersInTheMetrics() {
        try (WeldContainer app = deploy(config("cdi-" + System.nanoTime() + ":"), Partner.class, Registry.class)) {
            app.select(Partner.class).get().quote();
            MeterRegistry registry = app.select(MeterRegistry.class).get();
            var gauge = registry.find("ft.shared.store.available").tag("method", Partner.class.getName() + ".quote")
                    .gauge();
            assertTrue(gauge != null, () -> "no gauge among " + registry.getMeters().stream()
                    .map(m -> m.getId().getName()).toList());
            assertEquals(1.0, gauge.value());
        }
    }

    @Test
    void shouldKeepEverythingLocalWhenSharingIsDisabled() {
        Map<String, String> config = new HashMap<>();
        config.put("Shared/enabled", "false"); // and no bulwark.redis.url at all
        try (WeldContainer one = deploy(config, Partner.class); WeldContainer two = deploy(config, Partner.class)) {
            assertEquals(6, quotes(one, 4) + quotes(two, 4), "3 each");
        }
    }

    @Test
    void shouldOverrideTheSharedNameWithConfig() {
        String prefix = "cdi-" + System.nanoTime() + ":";
        Map<String, String> config = config(prefix);
        config.put(Partner.class.getName() + "/quote/Shared/value", "partner-quotes");
        try (WeldContainer one = deploy(config, Partner.class)) {
            quotes(one, 1);
            assertTrue(redis.server().command("EXISTS " + prefix + "rl:{partner-quotes}").startsWith(":1"));
        }
    }

    @Test
    void shouldFailDeploymentWithoutTheUrlOrWithNothingToShare() {
        Exception noUrl = assertThrows(Exception.class, () -> deploy(Map.of(), Partner.class).close());
        assertTrue(messages(noUrl).contains("bulwark.redis.url"), messages(noUrl));
        assertTrue(messages(noUrl).contains(Partner.class.getName() + ".quote()"), messages(noUrl));

        Exception nothing = assertThrows(Exception.class,
                () -> deploy(config("cdi:"), NothingToShare.class).close());
        assertTrue(messages(nothing).contains("@Shared needs @RateLimit or @CircuitBreaker"), messages(nothing));
    }

    @Test
    void shouldFailDeploymentForAnInvalidStoreSetting() {
        Map<String, String> config = config("cdi:");
        config.put("bulwark.redis.on-failure", "sometimes");
        Exception bad = assertThrows(Exception.class, () -> deploy(config, Partner.class).close());
        assertTrue(messages(bad).contains("bulwark.redis.on-failure"), messages(bad));
    }

    @Test
    void shouldFailDeploymentForAnInvalidRequestQueueSize() {
        for (String size : new String[] {"0", "many"}) {
            Map<String, String> config = config("cdi:");
            config.put("bulwark.redis.request-queue-size", size);
            Exception bad = assertThrows(Exception.class, () -> deploy(config, Partner.class).close());
            assertTrue(messages(bad).contains("bulwark.redis.request-queue-size must be a whole number of commands "
                    + ">= 1 and <= 2147483647, was \"" + size + "\""), messages(bad));
        }
    }

    @Test
    void shouldSendNoMoreCommandsIntoAHalfOpenLinkThanTheConfiguredRequestQueueSize() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(redis.server())) {
            Map<String, String> config = config("cdi-" + System.nanoTime() + ":");
            config.put("bulwark.redis.url", proxy.url());
            // Well above the time 16 threads take to start, so that no command times out before all are sent.
            config.put("bulwark.redis.command-timeout", "1000");
            config.put("bulwark.redis.request-queue-size", "4");
            try (WeldContainer app = deploy(config, Roomy.class)) {
                Roomy roomy = app.select(Roomy.class).get();
                assertEquals("quote", roomy.quote(), "shared, the script loaded");
                StalledBurst burst = StalledBurst.run(proxy, 16, () -> "quote".equals(roomy.quote()));
                proxy.heal();
                assertTrue(burst.failures().isEmpty(), () -> "no call failed: " + burst.failures().get(0));
                assertEquals(16, burst.granted(), "each refused command decided locally (a limit of 1000)");
                // The default queue (1,024) would have let all 16 through.
                assertTrue(burst.sent() <= 4, "at most the configured 4 commands into the link, was " + burst.sent());
            }
        }
    }

    @Test
    void shouldFailDeploymentForInvalidClusterAndTlsSettings() {
        Map<String, String> config = config("cdi:");
        config.put("bulwark.redis.cluster", "maybe");
        config.put("bulwark.redis.tls.ca-file", "/etc/ssl/ca.pem");
        config.put("bulwark.redis.tls.trust-store", "/etc/ssl/trust.p12");
        config.put("bulwark.redis.tls.trust-store-password", "store-s3cret");
        Exception bad = assertThrows(Exception.class, () -> deploy(config, Partner.class).close());
        assertTrue(messages(bad).contains("bulwark.redis.cluster must be true or false, was \"maybe\""), messages(bad));
        assertTrue(messages(bad).contains("bulwark.redis.tls.ca-file and bulwark.redis.tls.trust-store are both set"),
                messages(bad));
        assertFalse(messages(bad).contains("store-s3cret"), messages(bad));
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c).append('\n');
        }
        return all.toString();
    }
}
