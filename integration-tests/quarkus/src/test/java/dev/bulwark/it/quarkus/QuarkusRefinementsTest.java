package dev.bulwark.it.quarkus;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import dev.bulwark.it.app.Attempts;
import dev.bulwark.it.app.Refined;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SmallRye-compatible annotations and the breaker maintenance bean on a real Quarkus app. */
@QuarkusTest
class QuarkusRefinementsTest {

    @Inject
    Refined refined;

    @Inject
    dev.bulwark.it.app.Adaptive adaptive;

    @Inject
    dev.bulwark.it.app.Hedged hedged;

    @Inject
    dev.bulwark.it.app.Partitioned partitioned;

    @Inject
    dev.bulwark.api.CircuitBreakerMaintenance maintenance;

    @Inject
    Attempts attempts;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        attempts.reset();
        breakers.reset(Refined.BREAKER);
    }

    @Test
    void shouldGrowDelaysExponentially() {
        get("/ft/refined/exponential").then().body(startsWith("IllegalStateException after 4 attempts"));
        List<Long> gaps = refined.gaps();
        assertEquals(3, gaps.size(), gaps.toString());
        assertTrue(gaps.get(0) >= 20 && gaps.get(1) >= 40 && gaps.get(2) >= 80, gaps.toString());
    }

    @Test
    void shouldRetryOnAResultAskingThePredicateAndHandlerBeans() {
        get("/ft/refined/nullTwice").then().body(startsWith("third after 3 attempts"));
        assertEquals(3, attempts.of("isNull"), "the predicate bean (with its injected field) was asked");
        assertEquals(2, attempts.of("beforeRetry.nullTwice"), "the handler bean was told before each retry");
    }

    @Test
    void shouldCallTheBeforeRetryMethod() {
        get("/ft/refined/withBeforeRetryMethod").then().body(startsWith("IllegalStateException after 3 attempts"));
        assertEquals(2, attempts.of("prepare"));
    }

    @Test
    void shouldUseFibonacciAndCustomBackoffs() {
        assertThrows(IllegalStateException.class, refined::fibonacci);
        assertEquals(4, attempts.of("fibonacci"));
        assertThrows(IllegalStateException.class, refined::custom);
        assertEquals(3, attempts.of("custom"));
    }

    @Test
    void shouldLetOperatorsReadForceAndResetANamedBreaker() {
        get("/ft/breakers/" + Refined.BREAKER).then().body(equalTo("CLOSED"));
        post("/ft/breakers/" + Refined.BREAKER + "/force-open").then().body(equalTo("FORCED_OPEN"));
        get("/ft/inventory/false").then().body(equalTo("CircuitBreakerOpenException"));
        post("/ft/breakers/" + Refined.BREAKER + "/reset").then().body(equalTo("CLOSED"));
        get("/ft/inventory/false").then().body(equalTo("in stock"));
        get("/ft/inventory/true");
        get("/ft/inventory/true");
        assertEquals(CircuitState.OPEN, breakers.currentState(Refined.BREAKER));
        assertEquals(CircuitState.OPEN, CircuitBreakerMaintenance.get().currentState(Refined.BREAKER));
        get("/ft/breakers/nowhere").then().body(equalTo("IllegalArgumentException"));
        assertTrue(breakers.names().contains("dev.bulwark.it.app.Guarded.breaker"), breakers.names().toString());
    }

    @Test
    void shouldExpandAPresetAndCapRetriesWithABudget() {
        get("/ft/refined/preset").then().body(startsWith("IllegalStateException after 3 attempts"));
        assertTrue(breakers.names().contains("dev.bulwark.it.app.Refined.preset"), "the preset's breaker");
        get("/ft/refined/budgeted").then().body(startsWith("IllegalStateException after 2 attempts"));
        // One more attempt (the count adds up): the budget holds no retry for the second call.
        get("/ft/refined/budgeted").then().body(startsWith("IllegalStateException after 3 attempts"));
    }

    @Test
    void anAdaptiveBulkheadHoldsASecondCallerOut() throws Exception {
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<String> first = caller.submit(() -> adaptive.hold(entered, release));
            assertTrue(entered.await(10, java.util.concurrent.TimeUnit.SECONDS));
            assertThrows(org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException.class,
                    () -> adaptive.hold(new java.util.concurrent.CountDownLatch(1), release));
            release.countDown();
            assertEquals("held", first.get(10, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            caller.shutdown();
        }
    }

    @Test
    void aHedgeAnswersForAFirstAttemptThatHangs() throws Exception {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            assertEquals("attempt 2", hedged.call(attempts, release).toCompletableFuture()
                    .get(5, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(2, attempts.get());
        } finally {
            release.countDown();
        }
    }

    @Test
    void eachApiKeyGetsExactlyItsOwnLimit() {
        String a = "a-" + System.nanoTime();
        String b = "b-" + System.nanoTime();
        assertEquals("ok " + a, partitioned.perKey(a));
        assertEquals("ok " + a, partitioned.perKey(a));
        assertThrows(dev.bulwark.api.RateLimitException.class, () -> partitioned.perKey(a));
        assertEquals("ok " + b, partitioned.perKey(b));
    }

    @Test
    void oneHostsBreakerOpensWhileAnothersStaysClosed() throws Exception {
        String down = "down-" + System.nanoTime();
        String up = "up-" + System.nanoTime();
        for (int i = 0; i < 2; i++) {
            java.util.concurrent.CompletableFuture<String> failed = partitioned.host(down, true).toCompletableFuture();
            assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> failed.get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
        java.util.concurrent.ExecutionException open = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> partitioned.host(down, false).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(open.getCause() instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException,
                open.getCause().toString());
        assertEquals("ok " + up, partitioned.host(up, false).toCompletableFuture()
                .get(10, java.util.concurrent.TimeUnit.SECONDS));
        String name = dev.bulwark.it.app.Partitioned.class.getName() + ".host";
        assertEquals(dev.bulwark.api.CircuitState.OPEN, maintenance.currentState(name, down));
        assertEquals(dev.bulwark.api.CircuitState.CLOSED, maintenance.currentState(name, up));
    }
}
