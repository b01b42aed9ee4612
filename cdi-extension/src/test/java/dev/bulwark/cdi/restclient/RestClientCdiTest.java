package dev.bulwark.cdi.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.cdi.BulwarkExtension;
import jakarta.ws.rs.WebApplicationException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.microprofile.client.RestClientExtension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MP FT annotations on an MP Rest Client interface on Weld SE, with RESTEasy's MP Rest Client (which intercepts the
 * client by the interface's bindings) against a real HTTP server: retries (sync and CompletionStage), config keys on
 * the interface's name, a default-method fallback, a breaker, a timeout.
 */
class RestClientCdiTest {

    private static FlakyServer server;
    private static WeldContainer weld;
    private static FlakyApi client;

    @BeforeAll
    static void start() throws Exception {
        server = new FlakyServer();
        System.setProperty(FlakyApi.class.getName() + "/mp-rest/url", server.url());
        System.setProperty(FlakyApi.class.getName() + "/configured/Retry/maxRetries", "4");
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        weld = new Weld().disableDiscovery().addExtension(new BulwarkExtension()).addExtension(new RestClientExtension())
                .addBeanClasses(FlakyApi.class).initialize();
        client = weld.select(FlakyApi.class, RestClient.LITERAL).get();
    }

    @AfterAll
    static void stop() {
        if (weld != null) {
            weld.shutdown();
        }
        server.close();
        System.clearProperty(FlakyApi.class.getName() + "/mp-rest/url");
        System.clearProperty(FlakyApi.class.getName() + "/configured/Retry/maxRetries");
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void shouldRetryASyncCall() {
        String key = key();
        assertEquals("ok after 3", client.retried(key, 2));
        assertEquals(3, server.hits(key));
    }

    @Test
    void shouldRetryAFailedStage() throws Exception {
        String key = key();
        assertEquals("ok after 3", client.retriedStage(key, 2).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(3, server.hits(key));
    }

    @Test
    void shouldTakeMaxRetriesFromConfigUnderTheInterfacesName() {
        String key = key();
        assertEquals("ok after 5", client.configured(key, 4));
    }

    @Test
    void shouldFallBackToTheDefaultMethod() {
        assertEquals("cached a", client.withFallback("a"));
    }

    @Test
    void shouldOpenTheBreaker() {
        String key = key();
        assertThrows(WebApplicationException.class, () -> client.broken(key));
        assertThrows(WebApplicationException.class, () -> client.broken(key));
        assertThrows(CircuitBreakerOpenException.class, () -> client.broken(key));
        assertEquals(2, server.hits(key));
    }

    @Test
    void shouldTimeOut() {
        assertThrows(TimeoutException.class, () -> client.slow(key()));
    }
}
