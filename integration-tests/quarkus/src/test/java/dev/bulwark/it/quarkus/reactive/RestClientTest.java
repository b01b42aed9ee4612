package dev.bulwark.it.quarkus.reactive;

import static io.restassured.RestAssured.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;

/**
 * MP FT annotations on a REST client interface guard its calls on Quarkus (quarkus-rest-client): sync,
 * CompletionStage and Uni methods, a default-method fallback, config keys on the interface's name.
 */
@QuarkusTest
class RestClientTest {

    @Inject
    @RestClient
    DownstreamClient client;

    @Inject
    @RestClient
    ClassLevelClient classLevel;

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static int hits(String key) {
        return Integer.parseInt(get("/downstream/hits/" + key).asString());
    }

    @Test
    void shouldRetryTheSyncCallUntilTheDownstreamAnswers() {
        String key = key();
        assertEquals("ok after 3", client.retried(key, 2));
        assertEquals(3, hits(key));
    }

    @Test
    void shouldRetryAFailedStage() throws Exception {
        String key = key();
        assertEquals("ok after 3", client.retriedStage(key, 2).toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldRetryAFailedUni() {
        String key = key();
        assertEquals("ok after 3", client.retriedUni(key, 2).await().atMost(Duration.ofSeconds(10)));
        assertEquals(3, hits(key));
    }

    @Test
    void shouldLetAUsersOwnInterceptorBindToRetry() {
        String key = key();
        int before = RetryWatcher.CALLS.get();
        assertEquals("ok after 3", client.retried(key, 2));
        assertEquals(before + 1, RetryWatcher.CALLS.get(), "the user's interceptor, outside Bulwark's, saw the call once");
        assertEquals(3, hits(key), "and Bulwark's retried it");
    }

    @Test
    void shouldApplyAnAnnotationOnTheInterfaceToItsMethods() {
        String key = key();
        assertEquals("ok after 3", classLevel.call(key, 2));
        assertEquals(3, hits(key));
    }

    @Test
    void shouldTakeMaxRetriesFromConfigUnderTheInterfacesName() {
        String key = key();
        assertEquals("ok after 5", client.configured(key, 4));
        assertEquals(5, hits(key));
    }

    @Test
    void shouldFallBackToTheInterfacesDefaultMethod() {
        assertEquals("cached a", client.withFallback("a"));
        assertEquals("cached uni b", client.withUniFallback("b").await().atMost(Duration.ofSeconds(10)));
    }

    @Test
    void shouldOpenTheBreakerSoThatTheDownstreamIsNotCalled() {
        String key = key();
        assertThrows(WebApplicationException.class, () -> client.broken(key));
        assertThrows(WebApplicationException.class, () -> client.broken(key));
        assertThrows(CircuitBreakerOpenException.class, () -> client.broken(key));
        assertEquals(2, hits(key));
    }

    @Test
    void shouldOpenTheUniMethodsBreaker() {
        String key = key();
        for (int i = 0; i < 2; i++) {
            assertThrows(WebApplicationException.class,
                    () -> client.brokenUni(key).await().atMost(Duration.ofSeconds(10)));
        }
        assertThrows(CircuitBreakerOpenException.class, () -> client.brokenUni(key).await().atMost(Duration.ofSeconds(10)));
        assertEquals(2, hits(key));
    }

    @Test
    void shouldTimeOutASlowAnswer() {
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> client.slow(key()));
        assertThrows(TimeoutException.class, () -> client.slowUni(key()).await().atMost(Duration.ofSeconds(10)));
        ExecutionException stage = assertThrows(ExecutionException.class,
                () -> client.slowStage(key()).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, stage.getCause());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "three 3 s answers, each cut at 300 ms");
    }
}
