package dev.bulwark.examples.helidon;

import dev.bulwark.api.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The application's view of the inventory system, with the fault tolerance each call needs. Every value can be
 * overridden without a rebuild, e.g. {@code dev.bulwark.examples.helidon.InventoryClient/stock/Retry/maxRetries=5}
 * in {@code META-INF/microprofile-config.properties} or
 * {@code DEV_BULWARK_EXAMPLES_HELIDON_INVENTORYCLIENT_STOCK_RETRY_MAXRETRIES=5} in the environment.
 */
@ApplicationScoped
public class InventoryClient {

    /** The names of the two breakers (bean class and method), in metrics, health and CircuitBreakerMaintenance. */
    public static final String STOCK = InventoryClient.class.getName() + ".stock";
    public static final String PRICE = InventoryClient.class.getName() + ".price";

    @Inject
    Downstream downstream;

    /**
     * Synchronous, on the request's (virtual) thread. A lost lookup is retried after a short pause; when half of the
     * last 10 attempts failed the breaker opens, and for 2 s every call gets the fallback at once instead of waiting on
     * a dead service. Retrying a call the open breaker refused would only be refused again: abortOn.
     */
    @Fallback(fallbackMethod = "stockUnknown")
    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000, successThreshold = 2)
    @Timeout(500)
    @Bulkhead(10)
    public String stock(String sku) throws InterruptedException {
        return sku + ": " + downstream.stockLevel(sku) + " in stock";
    }

    String stockUnknown(String sku) {
        return sku + ": stock unknown (fallback)";
    }

    /**
     * Asynchronous: the caller gets a CompletionStage at once and the lookup runs on Bulwark's executor; at most 10
     * run at once and 20 wait (the bulkhead), at most 50 a second go to the pricing service (the rate limit).
     */
    @Asynchronous
    @Fallback(fallbackMethod = "listPrice")
    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000, successThreshold = 2)
    @Timeout(500)
    @Bulkhead(value = 10, waitingTaskQueue = 20)
    @RateLimit(value = 50, window = 1, windowUnit = ChronoUnit.SECONDS)
    public CompletionStage<String> price(String sku) throws InterruptedException {
        return CompletableFuture.completedFuture(sku + ": " + downstream.priceInCents(sku) + " cents");
    }

    CompletionStage<String> listPrice(String sku) {
        return CompletableFuture.completedFuture(sku + ": list price 999 cents (fallback)");
    }
}
