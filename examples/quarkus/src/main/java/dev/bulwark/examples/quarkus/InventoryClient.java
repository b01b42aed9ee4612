package dev.bulwark.examples.quarkus;

import dev.bulwark.api.RateLimit;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The application's view of the inventory system, with the fault tolerance each call needs. Every value can be
 * overridden without a rebuild, e.g. {@code dev.bulwark.examples.quarkus.InventoryClient/stock/Retry/maxRetries=5}
 * in {@code application.properties} or {@code DEV_BULWARK_EXAMPLES_QUARKUS_INVENTORYCLIENT_STOCK_RETRY_MAXRETRIES=5}
 * in the environment.
 */
@ApplicationScoped
public class InventoryClient {

    /** The names of the two breakers (bean class and method), in metrics, health and CircuitBreakerMaintenance. */
    public static final String STOCK = InventoryClient.class.getName() + ".stock";
    public static final String PRICE = InventoryClient.class.getName() + ".price";

    @Inject
    Downstream downstream;

    /**
     * Synchronous: quarkus-rest runs it on a worker thread. A lost lookup is retried after a short pause; when half
     * of the last 10 attempts failed the breaker opens, and for 2 s every call gets the fallback at once instead of
     * waiting on a dead service. Retrying a call the open breaker refused would only be refused again: abortOn.
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
     * Returns Mutiny's {@code Uni}: guarded without blocking, on the event loop of the request. Retries are
     * scheduled, not slept; the timeout cancels the attempt's subscription; the bulkhead holds a place per
     * subscription (10 running, 20 waiting); at most 50 calls a second go to the pricing service.
     */
    @Fallback(fallbackMethod = "listPrice")
    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000, successThreshold = 2)
    @Timeout(500)
    @Bulkhead(value = 10, waitingTaskQueue = 20)
    @RateLimit(value = 50, window = 1, windowUnit = ChronoUnit.SECONDS)
    public Uni<String> price(String sku) {
        return downstream.priceInCents(sku).map(cents -> sku + ": " + cents + " cents");
    }

    /** A fallback of a Uni method may return a Uni, a plain value or a CompletionStage. */
    Uni<String> listPrice(String sku) {
        return Uni.createFrom().item(sku + ": list price 999 cents (fallback)");
    }
}
