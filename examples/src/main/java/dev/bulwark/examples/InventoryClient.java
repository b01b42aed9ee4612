package dev.bulwark.examples;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * The application's view of the inventory service, with the fault tolerance it needs declared on each method.
 * Values marked "config" are overridden in {@code META-INF/microprofile-config.properties}.
 */
@ApplicationScoped
public class InventoryClient {

    /** Under this name the stock lookup's breaker is found in {@code CircuitBreakerMaintenance}: bean class and method. */
    public static final String STOCK_BREAKER = InventoryClient.class.getName() + ".stock";

    @Inject
    InventoryService service;

    @Inject
    Scoreboard scoreboard;

    /**
     * A product page's stock figure. A lost lookup is retried after a short, jittered pause; when most recent
     * lookups fail the breaker opens and the page shows "unknown" at once instead of waiting on a dead service.
     * Retrying a call the open breaker refused would only be refused again, hence {@code abortOn}.
     */
    @Fallback(fallbackMethod = "stockUnknown")
    @Retry(maxRetries = 2 /* config: 3 */, delay = 100, jitter = 50, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.75, delay = 1000, successThreshold = 3)
    @Timeout(250)
    public int stock(String sku) throws InterruptedException {
        Attempts.record();
        int level = service.stockLevel(sku);
        scoreboard.count(Event.SUCCESS);
        return level;
    }

    /** What the page shows when the stock is not known: a negative number means "ask again later". */
    private int stockUnknown(String sku) {
        scoreboard.count(Event.FALLBACK);
        return -1;
    }

    /**
     * Holds an item for a basket. Reservations are slow on the other side, so at most two run at once and two
     * wait (the queue length is config); the caller gets a {@code CompletionStage} at once and is never blocked.
     * A reservation that cannot be made now is put on a waiting list by {@link ReserveFallback}.
     */
    @Asynchronous
    @Fallback(ReserveFallback.class)
    @Timeout(500)
    @Bulkhead(value = 2, waitingTaskQueue = 8 /* config: 2 */)
    public CompletionStage<String> reserve(String sku) throws InterruptedException {
        String reservation = service.reserve(sku);
        scoreboard.count(Event.SUCCESS);
        return CompletableFuture.completedFuture(reservation);
    }
}
