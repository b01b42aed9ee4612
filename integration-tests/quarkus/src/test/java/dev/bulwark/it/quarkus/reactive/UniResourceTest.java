package dev.bulwark.it.quarkus.reactive;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guarded Uni methods called from quarkus-rest endpoints on the event loop: every strategy over HTTP, the request's
 * own request-scoped bean in every retry and in the fallback, and an event loop that is never blocked.
 */
@QuarkusTest
class UniResourceTest {

    /** Vert.x' blocked-thread checker logs here. */
    private static final Logger CHECKER = Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");

    private final List<String> blockedWarnings = new CopyOnWriteArrayList<>();
    private final Handler watcher = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = String.valueOf(record.getMessage());
            if (message.contains("has been blocked")) {
                blockedWarnings.add(message);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    UniService service;

    @BeforeEach
    void watch() {
        CHECKER.addHandler(watcher);
    }

    @AfterEach
    void unwatch() {
        CHECKER.removeHandler(watcher);
    }

    @Test
    void shouldRetryAndFallBackOnTheRequestsContextWithoutBlockingTheEventLoop() {
        long start = System.nanoTime();
        String body = get("/uni/trace").then().statusCode(200).extract().asString();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String id = body.substring(0, body.indexOf('|'));
        List<String> steps = List.of(body.substring(body.indexOf('|') + 1).split(","));
        List<String> expected = new ArrayList<>(Collections.nCopies(4, "attempt:" + id + ":event-loop"));
        expected.add("fallback:" + id + ":event-loop");
        assertEquals(expected, steps, "every retry and the fallback ran on the event loop with the request's own bean");
        assertTrue(millis >= 600, "three 200 ms delays were waited out, took " + millis + " ms");
        assertEquals(List.of(), blockedWarnings, "the retry delays never blocked the event loop");
    }

    @Test
    void shouldSeeTheBlockedThreadCheckerWarnWhenTheEventLoopIsBlocked() {
        get("/uni/block").then().body(equalTo("blocked"));
        assertTrue(!blockedWarnings.isEmpty(), "the checker is watching: a 2.5 s sleep on the event loop is reported");
    }

    @Test
    void shouldTimeOutASlowUni() {
        long start = System.nanoTime();
        get("/uni/timeout").then().body(equalTo("TimeoutException"));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "the 5 s Uni was cut at 200 ms");
    }

    @Test
    void shouldOpenTheBreaker() {
        int before = service.breakerCalls();
        get("/uni/breaker").then().body(equalTo("IllegalStateException"));
        get("/uni/breaker").then().body(equalTo("IllegalStateException"));
        get("/uni/breaker").then().body(equalTo("CircuitBreakerOpenException"));
        assertEquals(before + 2, service.breakerCalls(), "an open breaker never subscribes to the method's Uni");
    }

    @Test
    void shouldHoldOneRunningAndOneWaitingSubscription() {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> get("/uni/bulkhead").asString(), clients));
            }
            List<String> answers = calls.stream().map(CompletableFuture::join).sorted().toList();
            assertEquals(List.of("BulkheadException", "BulkheadException", "held", "held"), answers);
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void shouldAnswerFromTheHedgeWhenTheFirstSubscriptionIsSlow() {
        int before = service.hedgedCalls();
        long start = System.nanoTime();
        get("/uni/hedged").then().statusCode(200).body(equalTo("hedge on event-loop"));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "the 5 s attempt was not waited for");
        assertEquals(before + 2, service.hedgedCalls(), "one hedge, no more");
        get("/q/metrics").then().statusCode(200).body(containsString(
                "ft_hedge_won_total{method=\"dev.bulwark.it.quarkus.reactive.UniService.hedged\"}"));
        assertEquals(List.of(), blockedWarnings, "the hedge's wait never blocked the event loop");
    }

    @Test
    void shouldHoldASecondSubscriptionOutOfTheAdaptiveBulkhead() {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> get("/uni/adaptive").asString(), clients));
            }
            List<String> answers = calls.stream().map(CompletableFuture::join).sorted().toList();
            assertEquals(List.of("BulkheadException", "held"), answers);
            get("/q/metrics").then().statusCode(200).body(containsString(
                    "ft_bulkhead_limit{method=\"dev.bulwark.it.quarkus.reactive.UniService.adaptive\"}"));
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void shouldKeepOneRateLimitPerTenantForAUni() {
        String t1 = "t1-" + System.nanoTime();
        String t2 = "t2-" + System.nanoTime();
        assertEquals("ok " + t1, service.perTenant(t1).await().atMost(java.time.Duration.ofSeconds(10)));
        org.junit.jupiter.api.Assertions.assertThrows(dev.bulwark.api.RateLimitException.class,
                () -> service.perTenant(t1).await().atMost(java.time.Duration.ofSeconds(10)));
        assertEquals("ok " + t2, service.perTenant(t2).await().atMost(java.time.Duration.ofSeconds(10)));
    }

    @Test
    void shouldGuardAResourceMethodThatReturnsAUni() {
        UniResource.guardedCalls.set(0);
        get("/uni/guarded").then().statusCode(200).body(equalTo("rescued after 2"));
    }

    @Test
    void shouldPublishMetricsForUniMethods() {
        get("/uni/trace");
        get("/q/metrics").then().statusCode(200).body(containsString(
                "ft_retry_retries_total{method=\"dev.bulwark.it.quarkus.reactive.UniService.alwaysFailing\"}"));
    }
}
