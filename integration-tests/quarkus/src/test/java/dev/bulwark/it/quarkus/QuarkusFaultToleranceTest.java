package dev.bulwark.it.quarkus;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimitException;
import dev.bulwark.it.app.Attempts;
import dev.bulwark.it.app.ClassLevel;
import dev.bulwark.it.app.Guarded;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every annotation on a real Quarkus app, over HTTP and by injection. */
@QuarkusTest
class QuarkusFaultToleranceTest {

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

    @Test
    void shouldRetryUntilMaxRetries() {
        get("/ft/retry/retried").then().statusCode(200).body(equalTo("IllegalStateException after 4 attempts"));
    }

    @Test
    void shouldApplyTheOverrideFromApplicationProperties() {
        get("/ft/retry/configured").then().body(equalTo("IllegalStateException after 6 attempts"));
    }

    @Test
    void shouldInterruptACallThatOutlastsItsTimeout() {
        get("/ft/timeout").then().body(matchesPattern("TimeoutException in \\d+ ms"));
        String body = get("/ft/timeout").asString();
        long millis = Long.parseLong(body.replaceAll("\\D+", ""));
        assertTrue(millis < 2_000, body);
    }

    @Test
    void shouldOpenTheBreakerAfterTheFailureRatioIsReached() {
        for (int i = 0; i < 4; i++) {
            get("/ft/breaker/true").then().body(equalTo("IllegalStateException"));
        }
        get("/ft/breaker/false").then().body(equalTo("CircuitBreakerOpenException"));
        assertEquals(4, attempts.of("breaker"), "an open breaker does not call the method");
        assertThrows(CircuitBreakerOpenException.class, () -> guarded.breaker(false));
    }

    @Test
    void shouldRejectCallsOverTheRateLimit() {
        // The window is an hour; the third call in it is refused whichever test ran first.
        for (int i = 0; i < 3; i++) {
            get("/ft/ratelimit");
        }
        get("/ft/ratelimit").then().body(equalTo("RateLimitException"));
        assertThrows(RateLimitException.class, guarded::rateLimited);
    }

    @Test
    void shouldApplyFallbackMethodsAndInjectedHandlers() {
        get("/ft/fallback/ann").then().body(equalTo(
                "fallback method for ann; handler for ann after failed for ann"));
        assertEquals(1, attempts.of("handler"), "the handler's injected field was set by the container");
    }

    @Test
    void shouldRunAsynchronousMethodsOnAnotherThreadWithARequestContext() throws Exception {
        String body = get("/ft/async").asString();
        String[] threads = body.split(" -> ");
        assertNotEquals(threads[0], threads[1].split("\\|")[0], body);
        assertTrue(threads[1].split("\\|")[1].length() > 10, "a request-scoped bean was usable: " + body);
        // Quarkus' ManagedExecutor (its worker pool), not Bulwark's own "bulwark-async" pool.
        assertTrue(threads[1].startsWith("executor-thread-"), body);
        String caller = Thread.currentThread().getName();
        assertNotEquals(caller, guarded.asyncFuture().get(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldCarryTheCallersRequestContextIntoEveryStepOfAnAsyncCall() {
        // caller=<id>; fallback; attempt:<id>,attempt:<id>,attempt:<id>,fallback:<id>
        String body = get("/ft/context").asString();
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
