package com.example.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sample's behaviour on Weld SE, with bean discovery: whichever fault-tolerance implementation is on the class path. */
class StockClientTest {

    private static SeContainer container;
    private static StockClient client;
    private static InventoryService inventory;
    private static BreakerConsole console;
    private static QuotePage quotes;

    @BeforeAll
    static void start() {
        container = SeContainerInitializer.newInstance().initialize();
        client = container.select(StockClient.class).get();
        inventory = container.select(InventoryService.class).get();
        console = container.select(BreakerConsole.class).get();
        quotes = container.select(QuotePage.class).get();
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @BeforeEach
    void healthyInventory() {
        inventory.reset();
    }

    @Test
    void shouldRetryWithExponentialBackoffAsConfigured() {
        inventory.failNext(4);

        assertEquals(3, client.stock("abc"));

        List<Long> calls = inventory.callTimes();
        assertEquals(5, calls.size(), "maxRetries=4 from the config: one call and four retries");
        long[] minimumGaps = {100, 200, 200, 200};   // 100 ms, then x4 capped at the configured 200 ms
        for (int i = 0; i < minimumGaps.length; i++) {
            long gap = TimeUnit.NANOSECONDS.toMillis(calls.get(i + 1) - calls.get(i));
            assertTrue(gap >= minimumGaps[i] - 5, "retry " + (i + 1) + " came after " + gap + " ms");
        }
        long total = TimeUnit.NANOSECONDS.toMillis(calls.get(4) - calls.get(0));
        assertTrue(total < 5_000, "the configured maxDelay caps the backoff, took " + total + " ms");
    }

    @Test
    void shouldFallBackWhenRetriesRunOut() {
        inventory.failNext(10);

        assertEquals(-1, client.stock("abc"));
        assertEquals(5, inventory.callTimes().size());
    }

    @Test
    void shouldOpenTheNamedBreakerAndCloseItOnReset() {
        inventory.failNext(4);
        for (int i = 0; i < 4; i++) {
            assertThrows(IllegalStateException.class, () -> client.guardedStock("abc"));
        }

        assertThrows(CircuitBreakerOpenException.class, () -> client.guardedStock("abc"));
        assertEquals(4, inventory.callTimes().size(), "an open breaker does not call the inventory");
        assertEquals(CircuitBreakerState.OPEN, console.state("inventory"));
        assertEquals("inventory is refusing calls", console.describe("inventory"));

        console.reset("inventory");

        assertEquals(CircuitBreakerState.CLOSED, console.state("inventory"));
        assertEquals(3, client.guardedStock("abc"));
    }

    @Test
    void shouldRetryRejectedResultsUntilTheRateLimitSaysWhenToComeBack() {
        long waitMillis = quotes.availableIn("abc");

        assertEquals(3, inventory.callTimes().size(), "three calls a minute; the retry aborts on the fourth's refusal");
        assertTrue(waitMillis > 0 && waitMillis <= 60_000, "come back in " + waitMillis + " ms");
    }

    @Test
    void shouldTimeOutAnAsynchronousCall() {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.slowStock("abc").toCompletableFuture().get(10, TimeUnit.SECONDS));

        assertInstanceOf(TimeoutException.class, failure.getCause());
    }
}
