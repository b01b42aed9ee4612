package dev.bulwark.it.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimitException;
import dev.bulwark.it.app.Attempts;
import dev.bulwark.it.app.ClassLevel;
import dev.bulwark.it.app.Guarded;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every annotation on a real Helidon MP server, over HTTP and by injection: the Quarkus module's checks. */
@HelidonTest
class HelidonFaultToleranceTest {

    @Inject
    WebTarget http;

    @Inject
    Guarded guarded;

    @Inject
    ClassLevel classLevel;

    @Inject
    Attempts attempts;

    @BeforeEach
    void reset() {
        attempts.reset();
    }

    private String get(String path) {
        return http.path(path).request().get(String.class);
    }

    @Test
    void shouldRetryUntilMaxRetries() {
        assertEquals("IllegalStateException after 4 attempts", get("/ft/retry/retried"));
    }

    @Test
    void shouldApplyTheOverrideFromMicroProfileConfig() {
        assertEquals("IllegalStateException after 6 attempts", get("/ft/retry/configured"));
    }

    @Test
    void shouldInterruptACallThatOutlastsItsTimeout() {
        String body = get("/ft/timeout");
        assertTrue(body.matches("TimeoutException in \\d+ ms"), body);
        assertTrue(Long.parseLong(body.replaceAll("\\D+", "")) < 2_000, body);
    }

    @Test
    void shouldOpenTheBreakerAfterTheFailureRatioIsReached() {
        for (int i = 0; i < 4; i++) {
            assertEquals("IllegalStateException", get("/ft/breaker/true"));
        }
        assertEquals("CircuitBreakerOpenException", get("/ft/breaker/false"));
        assertEquals(4, attempts.of("breaker"), "an open breaker does not call the method");
        assertThrows(CircuitBreakerOpenException.class, () -> guarded.breaker(false));
    }

    @Test
    void shouldRejectCallsOverTheRateLimit() {
        for (int i = 0; i < 3; i++) {
            get("/ft/ratelimit");
        }
        assertEquals("RateLimitException", get("/ft/ratelimit"));
        assertThrows(RateLimitException.class, guarded::rateLimited);
    }

    @Test
    void shouldApplyFallbackMethodsAndInjectedHandlers() {
        assertEquals("fallback method for ann; handler for ann after failed for ann", get("/ft/fallback/ann"));
        assertEquals(1, attempts.of("handler"), "the handler's injected field was set by the container");
    }

    @Test
    void shouldRunAsynchronousMethodsOnAnotherThreadWithARequestContext() throws Exception {
        String body = get("/ft/async");
        String[] threads = body.split(" -> ");
        assertNotEquals(threads[0], threads[1].split("\\|")[0], body);
        assertTrue(threads[1].split("\\|")[1].length() > 10, "a request-scoped bean was usable: " + body);
        assertNotEquals(Thread.currentThread().getName(), guarded.asyncFuture().get(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldCarryTheCallersRequestContextIntoEveryStepOfAnAsyncCall() {
        // caller=<id>; fallback; attempt:<id>,attempt:<id>,attempt:<id>,fallback:<id>
        String body = get("/ft/context");
        String[] parts = body.split("; ");
        String caller = parts[0].substring("caller=".length());
        assertEquals("fallback", parts[1], body);
        assertEquals(String.join(",", "attempt:" + caller, "attempt:" + caller, "attempt:" + caller,
                "fallback:" + caller), parts[2], "every step saw the caller's request-scoped bean: " + body);
    }

    @Test
    void shouldRefuseACallOverTheBulkhead() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return guarded.bulkhead(entered, release);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        assertThrows(BulkheadException.class, () -> guarded.bulkhead(new CountDownLatch(1), new CountDownLatch(0)));
        release.countDown();
        assertEquals("done", first.get(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldApplyClassLevelAnnotationsUnlessTheMethodHasItsOwn() {
        assertThrows(IllegalStateException.class, classLevel::inherited);
        assertEquals(3, attempts.of("classLevel.inherited"));
        assertEquals("recovered", classLevel.own());
        assertEquals(5, attempts.of("classLevel.own"));
    }
}
