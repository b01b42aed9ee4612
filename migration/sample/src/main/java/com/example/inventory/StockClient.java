package com.example.inventory;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Calls the inventory through MicroProfile Fault Tolerance annotations and SmallRye's extra ones. */
@ApplicationScoped
public class StockClient {

    @Inject
    InventoryService inventory;

    /**
     * Retried with growing delays, 100 ms x 4 each time; the config allows 4 retries (not 2) and caps a delay at
     * 200 ms (not 10 s). -1 once every retry failed.
     */
    @Retry(maxRetries = 2, delay = 100, jitter = 0)
    @ExponentialBackoff(factor = 4, maxDelay = 10_000)
    @Fallback(fallbackMethod = "unknownStock")
    public int stock(String sku) {
        return inventory.stockOf(sku);
    }

    int unknownStock(String sku) {
        return -1;
    }

    /** A breaker operators know by name; it opens after 2 failures in 4 calls and stays open for a minute. */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 60_000)
    @CircuitBreakerName("inventory")
    public int guardedStock(String sku) {
        return inventory.stockOf(sku);
    }

    /** Retried while the answer is negative; at most 3 calls a minute reach the inventory. */
    @Retry(maxRetries = 5, delay = 0, jitter = 0)
    @RetryWhen(result = IsNegative.class)
    @RateLimit(value = 3, window = 1, windowUnit = ChronoUnit.MINUTES)
    public int quote(String sku) {
        return inventory.stockOf(sku) - 100;
    }

    /** Never answers within its 100 ms timeout. */
    @Asynchronous
    @Timeout(100)
    public CompletionStage<Integer> slowStock(String sku) {
        CompletableFuture<Integer> never = new CompletableFuture<>();
        return never;
    }
}
